"""Validation against the HIPAA implementation guides with pyx12 (its 5010 maps)."""

import logging
import tempfile
import threading

import pyx12.params
import pyx12.x12n_document

_pyx12_log = logging.getLogger("pyx12")
# pyx12 logs every finding; the caller reports them instead, so they stay out of the service log.
_pyx12_log.propagate = False
_pyx12_log.setLevel(logging.ERROR)
_one_at_a_time = threading.Lock()  # the findings are collected from a process-wide logger


class _Findings(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def validate(text: str) -> list[str]:
    """What pyx12 finds wrong against the implementation guide; empty when the interchange is valid."""
    findings = _Findings()
    with _one_at_a_time, tempfile.NamedTemporaryFile("w", suffix=".x12", encoding="ascii") as source:
        source.write(text)
        source.flush()
        _pyx12_log.addHandler(findings)
        try:
            valid = pyx12.x12n_document.x12n_document(param=pyx12.params.params(), src_file=source.name,
                                                      fd_997=None, fd_html=None, fd_xmldoc=None, map_path=None)
        finally:
            _pyx12_log.removeHandler(findings)
    if valid and not findings.messages:
        return []
    return findings.messages or ["pyx12 rejected the interchange"]

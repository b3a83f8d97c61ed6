"""Validation against the HIPAA implementation guides with pyx12 (its 5010 maps)."""

import logging
import re
import tempfile
import threading
from dataclasses import dataclass

import pyx12.errors
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


# pyx12 writes "Line:14 ELE:6 - Data element ..." where Line counts segments from ISA = 1.
_LOCATED = re.compile(r"Line:(\d+) (\w+):(\S+) - (.*)", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    position: int | None  # the segment number in the interchange, ISA = 1
    message: str


def findings(text: str) -> list[Finding]:
    """pyx12's findings with the segment each is about; a file pyx12 cannot read at all is one finding."""
    try:
        messages = validate(text)
    except (pyx12.errors.X12Error, pyx12.errors.EngineError) as exc:  # no map for the envelope (a wrong GS08)
        return [Finding(None, f"pyx12 could not read the interchange: {exc}")]
    except Exception:  # its reader trips over broken envelopes; its own words ("list index ...") say nothing
        return [Finding(None, "pyx12 could not follow the interchange: its envelope (ISA/GS/ST...SE/GE/IEA) is broken")]
    located = []
    for message in messages:
        match = _LOCATED.fullmatch(message)
        located.append(Finding(int(match[1]), match[4]) if match else Finding(None, message))
    return located


def validate(text: str) -> list[str]:
    """What pyx12 finds wrong against the implementation guide; empty when the interchange is valid."""
    findings = _Findings()
    with _one_at_a_time, tempfile.NamedTemporaryFile("w", suffix=".x12", encoding="ascii") as source:
        source.write(text)
        source.flush()
        _pyx12_log.addHandler(findings)
        try:
            valid = pyx12.x12n_document.x12n_document(
                param=pyx12.params.params(),
                src_file=source.name,
                fd_997=None,
                fd_html=None,
                fd_xmldoc=None,
                map_path=None,
            )
        finally:
            _pyx12_log.removeHandler(findings)
    if valid and not findings.messages:
        return []
    # Its messages name the temporary file it read; the caller knows the file as its own.
    messages = [m.replace(f'"{source.name}"', "the interchange") for m in findings.messages]
    return messages or ["pyx12 rejected the interchange"]

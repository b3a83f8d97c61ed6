"""X12 interchange plumbing: delimiters, element formatting, the ISA/GS/ST envelope, segment reading."""

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

ELEMENT, COMPONENT, REPETITION, SEGMENT = "*", ":", "^", "~"
_DELIMITERS = re.compile(r"[*:^~\r\n]")


def clean(value: object) -> str:
    """Data as an element may carry it: no delimiters, trimmed."""
    return _DELIMITERS.sub(" ", str(value)).strip()


def amount(value: Decimal) -> str:
    """An X12 decimal (R): no trailing zeros, no needless point."""
    return format(Decimal(value).quantize(Decimal("0.01")).normalize(), "f")


def segment(tag: str, *elements: object) -> str:
    """One segment with trailing empty elements dropped, as the standard requires."""
    values = [tag, *("" if e is None else str(e) for e in elements)]
    while values and values[-1] == "":
        values.pop()
    return ELEMENT.join(values) + SEGMENT


@dataclass(frozen=True)
class Envelope:
    sender_id: str
    receiver_id: str
    control_number: int
    created_at: datetime
    usage: str = "T"  # T test, P production


def wrap(
    body: list[str], env: Envelope, *, functional_id: str, transaction: str, version: str, st03: bool = True
) -> str:
    """ISA/GS/ST ... SE/GE/IEA around one transaction set; SE01 counts ST through SE."""
    control = f"{env.control_number:09d}"
    st_control = "0001"
    isa = (
        ELEMENT.join(
            [
                "ISA",
                "00",
                " " * 10,
                "00",
                " " * 10,
                "ZZ",
                env.sender_id.ljust(15),
                "ZZ",
                env.receiver_id.ljust(15),
                env.created_at.strftime("%y%m%d"),
                env.created_at.strftime("%H%M"),
                REPETITION,
                "00501",
                control,
                "0",
                env.usage,
                COMPONENT,
            ]
        )
        + SEGMENT
    )
    gs = segment(
        "GS",
        functional_id,
        env.sender_id,
        env.receiver_id,
        env.created_at.strftime("%Y%m%d"),
        env.created_at.strftime("%H%M"),
        env.control_number,
        "X",
        version,
    )
    st = segment("ST", transaction, st_control, version if st03 else "")  # the 835 guide leaves ST03 unused
    se = segment("SE", len(body) + 2, st_control)
    return "\n".join([isa, gs, st, *body, se, segment("GE", 1, env.control_number), segment("IEA", 1, control)]) + "\n"


@dataclass(frozen=True)
class Interchange:
    control_number: int
    segments: list[list[str]]  # each: [tag, e1, e2, ...]; composites stay joined by `component`
    component: str


def read(text: str) -> Interchange:
    """Split an interchange into segments, with the delimiters its ISA declares."""
    text = text.lstrip()
    if not text.startswith("ISA") or len(text) < 106:
        raise ValueError("not an X12 interchange: it must start with a 106-character ISA segment")
    element, component, terminator = text[3], text[104], text[105]
    raw = [s.strip() for s in text.split(terminator)]
    segments = [s.split(element) for s in raw if s]
    isa = segments[0]
    # ISA is fixed-length: 16 elements, the control number (ISA13) nine digits.
    if len(isa) != 17 or not (isa[13].isdigit() and len(isa[13]) == 9):
        raise ValueError("the ISA segment must have 16 elements and a nine-digit control number (ISA13)")
    return Interchange(control_number=int(isa[13]), segments=segments, component=component)


def count_check(interchange: Interchange) -> None:
    """SE01, GE01 and IEA01 must count what they close: a truncated file is refused."""
    in_set, groups, sets = 0, 0, 0
    for seg in interchange.segments:
        tag = seg[0]
        if tag == "ST":
            in_set, sets = 1, sets + 1
        elif tag == "SE":
            if int(seg[1]) != in_set + 1:
                raise ValueError(f"SE01 says {seg[1]} segments, the set has {in_set + 1}")
            in_set = 0
        elif tag == "GE":
            if int(seg[1]) != sets:
                raise ValueError(f"GE01 says {seg[1]} transaction sets, the group has {sets}")
            groups, sets = groups + 1, 0
        elif tag == "IEA":
            if int(seg[1]) != groups:
                raise ValueError(f"IEA01 says {seg[1]} groups, the interchange has {groups}")
        elif in_set:
            in_set += 1

"""Is an 835 whole, valid and balanced? Every problem of the interchange, found before anything posts.

pyx12's 005010X221A1 map checks structure, element types and codes, but not the money; the
envelope we check ourselves too, so each refusal names the segment, the rule and the values.
"""

from dataclasses import asdict, dataclass

from services.billing.x12 import balance835
from services.billing.x12.balance835 import Problem
from services.billing.x12.envelope import read
from services.billing.x12.validation import findings

GUIDE = "005010X221A1"


def problems(text: str) -> list[Problem]:
    """Everything wrong with the file, ours first (envelope, amounts, balancing), then pyx12's; empty when valid."""
    try:
        interchange = read(text)
    except ValueError as exc:
        return [Problem("ISA", 1, "ISA header", str(exc))]
    segments = list(enumerate(interchange.segments, start=1))
    found = [*_characters(segments), *envelope(segments)]
    found += balance835.money(segments)
    if _unreadable(found):
        return found
    tags = {position: seg[0] for position, seg in segments}
    # A finding pyx12 cannot place (it gave up on a broken envelope) adds nothing to ours.
    return found + [
        Problem(
            tags.get(f.position, "ISA") if f.position else "ISA",
            f.position or 1,
            f"{GUIDE} implementation guide (pyx12)",
            f.message,
        )
        for f in findings(text)
        if not (found and f.position is None)
    ]


def as_errors(found: list[Problem]) -> list[dict]:
    return [asdict(problem) for problem in found]


def _unreadable(found: list[Problem]) -> bool:
    # pyx12 reads the file as ASCII: a character outside it is reported by us alone.
    return any(p.rule == "X12 character set" for p in found)


def _characters(segments) -> list[Problem]:
    return [
        Problem(seg[0][:3], position, "X12 character set", "contains a character outside the X12 character set")
        for position, seg in segments
        if not all(part.isascii() for part in seg)
    ][:1]


@dataclass
class _Open:
    position: int
    seg: list[str]
    inside: int = 0  # ST: segments so far (ST counts); GS: sets; ISA: groups


def envelope(segments) -> list[Problem]:
    """ISA/IEA, GS/GE and ST/SE: each header closed by its trailer, the counts and control numbers equal."""
    out: list[Problem] = []
    isa, gs, st, closed, sets = _Open(*segments[0]), None, None, False, 0
    for position, seg in segments[1:]:
        tag = seg[0]
        if closed:
            out.append(Problem(tag, position, "nothing after IEA", "a segment follows the interchange trailer IEA"))
            break
        if tag == "GS":
            if gs:
                out.append(_unclosed(gs, "GE", position))
            gs, isa.inside = _Open(position, seg), isa.inside + 1
            if _el(seg, 1) != "HP":
                out.append(Problem("GS", position, "GS01 = HP", f"GS01 is '{_el(seg, 1)}', an 835's group is HP"))
            if _el(seg, 8) != GUIDE:
                out.append(Problem("GS", position, "GS08 version", f"GS08 is '{_el(seg, 8)}', an 835 is {GUIDE}"))
        elif tag == "ST":
            if st:
                out.append(_unclosed(st, "SE", position))
            if gs is None:
                out.append(Problem("ST", position, "ST inside GS", "a transaction set outside a functional group"))
            st = _Open(position, seg, 1)
            if gs:
                gs.inside += 1
            if _el(seg, 1) != "835":
                out.append(Problem("ST", position, "ST01 = 835", f"transaction set {_el(seg, 1)} is not an 835"))
            sets += 1
            if sets == 2:  # the import posts one remittance (one BPR/TRN) per file
                out.append(
                    Problem(
                        "ST",
                        position,
                        "one transaction set per file",
                        "a second 835 in the interchange: import each remittance as its own file",
                    )
                )
        elif tag == "SE":
            if st is None:
                out.append(Problem("SE", position, "SE closes ST", "SE without an open transaction set (ST)"))
                continue
            st.inside += 1
            out += _equal(seg, position, "SE01", 1, st.inside, "the segments from ST to SE")
            out += _equal(seg, position, "SE02", 2, _el(st.seg, 2), f"ST02 (segment {st.position})")
            st = None
        elif tag == "GE":
            if st:
                out.append(_unclosed(st, "SE", position))
                st = None
            if gs is None:
                out.append(Problem("GE", position, "GE closes GS", "GE without an open functional group (GS)"))
                continue
            out += _equal(seg, position, "GE01", 1, gs.inside, "the transaction sets in the group")
            out += _equal(seg, position, "GE02", 2, _el(gs.seg, 6), f"GS06 (segment {gs.position})")
            gs = None
        elif tag == "IEA":
            for still_open, trailer in ((st, "SE"), (gs, "GE")):
                if still_open:
                    out.append(_unclosed(still_open, trailer, position))
            st = gs = None
            out += _equal(seg, position, "IEA01", 1, isa.inside, "the functional groups in the interchange")
            out += _equal(seg, position, "IEA02", 2, _el(isa.seg, 13), f"ISA13 (segment {isa.position})")
            closed = True
        elif st:
            st.inside += 1
        else:
            out.append(Problem(tag, position, "segment inside ST/SE", "a segment outside any transaction set"))
    last = segments[-1][0]
    for still_open, trailer in ((st, "SE"), (gs, "GE"), (None if closed else isa, "IEA")):
        if still_open:
            out.append(_unclosed(still_open, trailer, None, last))
    return out


def _el(seg: list[str], index: int) -> str:
    return seg[index] if len(seg) > index else ""


def _equal(seg, position, name, index, expected, what) -> list[Problem]:
    """A count (an int expected) must say that number; a control number must repeat its header's exactly."""
    value = _el(seg, index)
    if value == expected or (isinstance(expected, int) and value.isdigit() and int(value) == expected):
        return []
    return [Problem(seg[0], position, f"{name} = {what}", f"{name} is '{value}', {what}: '{expected}'")]


def _unclosed(header: _Open, trailer: str, position: int | None, last: int | None = None) -> Problem:
    tag = header.seg[0]
    where = f"before segment {position}" if position else f"by the end of the file (segment {last})"
    control = {"ISA": 13, "GS": 6, "ST": 2}[tag]
    return Problem(
        tag,
        header.position,
        f"{tag} closed by {trailer}",
        f"{tag} (control number '{_el(header.seg, control)}') has no {trailer} trailer {where}: the file is truncated",
    )

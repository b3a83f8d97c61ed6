"""Bad 835s made from good ones: one change each, the way a truncated upload or a careless payer makes them."""


def segments(text: str) -> list[list[str]]:
    """build_835's output: one segment a line, each ending with '~'."""
    return [line.rstrip("~").split("*") for line in text.splitlines() if line]


def join(segs: list[list[str]]) -> str:
    return "".join("*".join(seg) + "~\n" for seg in segs)


def with_element(text: str, tag: str, index: int, value: str, nth: int = 0) -> str:
    """The nth `tag` segment's element `index` set to `value` (nothing else changes, not even counts)."""
    segs, seen = segments(text), 0
    for seg in segs:
        if seg[0] == tag:
            if seen == nth:
                seg[index] = value
                return join(segs)
            seen += 1
    raise AssertionError(f"no {tag} #{nth} in the file")


def without(text: str, tag: str) -> str:
    """Every `tag` segment removed, SE01 recounted so that the envelope stays right."""
    segs = [seg for seg in segments(text) if seg[0] != tag]
    st, se = ([s[0] for s in segs].index(t) for t in ("ST", "SE"))
    segs[se][1] = str(se - st + 1)
    return join(segs)


def cut_after(text: str, marker: str) -> str:
    """The file as an interrupted upload leaves it: everything up to the end of `marker`."""
    return text[: text.index(marker) + len(marker)]


def cut_before(text: str, marker: str) -> str:
    return text[: text.index(marker)]

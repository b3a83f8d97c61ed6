"""What was received of each order line, from receipts that name items rather than lines. Pure."""

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class OrderedLine:
    line_number: int
    item: str
    item_id: str | None
    quantity: int


def received_per_line(lines: list[OrderedLine], receipts: list[list[dict]]) -> dict[int, int]:
    """Receipts name the item (facilities' id, else its name); an item on two lines fills them in line order."""
    arrived: dict[str, int] = defaultdict(int)
    for receipt in receipts:
        for got in receipt:
            arrived[_key(got.get("item_id"), got.get("item", ""))] += int(got["quantity"])
    received = {}
    for line in sorted(lines, key=lambda li: li.line_number):
        key = _key(line.item_id, line.item)
        received[line.line_number] = min(arrived[key], line.quantity)
        arrived[key] -= received[line.line_number]
    # What no line can take any more (over-delivery) stays with the last line of its item: billed against it, it shows.
    for line in sorted(lines, key=lambda li: li.line_number, reverse=True):
        key = _key(line.item_id, line.item)
        if arrived[key] > 0:
            received[line.line_number] += arrived.pop(key)
    return received


def _key(item_id: str | None, item: str) -> str:
    return f"id:{item_id}" if item_id else f"name:{' '.join(item.casefold().split())}"

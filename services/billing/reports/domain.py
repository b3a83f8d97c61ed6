"""Pure roll-ups behind billing's reports: aging buckets, sums per key, missed-visit cost. No I/O.

Definitions (the reports' documentation):
- A/R aging: a claim's payer balance is total charge - paid - adjustments (CO/OA/PI write-offs)
  - patient responsibility (PR moved to the patient's own ledger) - on a secondary claim, what the
  primary payer paid and wrote off (the secondary owes at most the rest). It ages from the date of
  service, the usual practice-management convention, which also covers claims not yet sent:
  age = today at the claim's location (its local calendar day) - date of service.
- Days and months are the location's local calendar days: a payment at 23:30 in Los Angeles on
  31 October belongs to October, although it is 1 November in UTC.
- Missed visits: see MISSED_VISIT_DEFINITION.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.billing.db import CENT, ZERO

MISSED_VISIT_DEFINITION = (
    "A missed visit is a no-show, or a cancellation the patient made inside the location's notice window, "
    "scheduled in the period. fees_charged: the no-show and late-cancellation fees billed for them. "
    "revenue_lost: per missed visit, the average charged amount of the same provider's completed visits at "
    "the location in the period (the location's average when the provider had none; zero without any). "
    "net_cost = revenue_lost - fees_charged."
)
# Upper bounds (inclusive) of the aging buckets, in days; the last is open-ended.
AGING_BUCKETS = (("0-30", 30), ("31-60", 60), ("61-90", 90), ("91-120", 120), ("120+", None))


def month_key(day: date) -> str:
    """The month a local day belongs to, as reports name it: YYYY-MM."""
    return f"{day.year:04d}-{day.month:02d}"


def aging_bucket(age_days: int) -> str:
    """The A/R bucket of an amount outstanding for `age_days` (a future date counts as 0)."""
    for name, upper in AGING_BUCKETS:
        if upper is None or max(age_days, 0) <= upper:
            return name
    raise AssertionError("unreachable")


def payer_outstanding(
    total: Decimal, paid: Decimal, adjusted: Decimal, patient_share: Decimal, prior_payer: Decimal = ZERO
) -> Decimal:
    """What the payer still owes on a claim; a secondary claim's `prior_payer` part was the primary's to settle."""
    return total - prior_payer - paid - adjusted - patient_share


@dataclass(frozen=True)
class Receivable:
    """One claim's outstanding payer balance and where it belongs."""

    payer_id: str
    location_id: str
    since: date
    outstanding: Decimal


def aging(
    receivables: Iterable[Receivable], *, as_of: date | Mapping[str, date], group: Callable[[Receivable], str]
) -> dict[str, dict[str, Decimal]]:
    """Outstanding amounts per group and bucket (every bucket present, plus "total").

    `as_of` is one day for every location, or each location's own today (location id -> local date).
    """
    table: dict[str, dict[str, Decimal]] = {}
    for item in receivables:
        if item.outstanding <= 0:
            continue
        today = as_of[item.location_id] if isinstance(as_of, Mapping) else as_of
        row = table.setdefault(group(item), {name: ZERO for name, _ in AGING_BUCKETS} | {"total": ZERO})
        row[aging_bucket((today - item.since).days)] += item.outstanding
        row["total"] += item.outstanding
    return table


def sum_by(rows: Iterable[tuple[tuple, Decimal]]) -> dict[tuple, Decimal]:
    """Amounts summed per key, to the cent."""
    totals: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for key, amount in rows:
        totals[key] += amount
    return dict(totals)


def count_and_sum_by(rows: Iterable[tuple[str, Decimal]]) -> list[tuple[str, int, Decimal]]:
    """(key, how many, total) per key, largest total first."""
    counts: dict[str, int] = defaultdict(int)
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for key, amount in rows:
        counts[key] += 1
        totals[key] += amount
    return sorted(((k, counts[k], totals[k]) for k in counts), key=lambda r: (-r[2], r[0]))


@dataclass(frozen=True)
class MissedVisit:
    location_id: str
    provider_id: str
    kind: str  # no_show, late_cancel
    fee: Decimal


def average_visit_value(
    visits: dict[tuple[str, str], tuple[int, Decimal]], location_id: str, provider_id: str
) -> Decimal:
    """Average charge of a provider's completed visits at a location, else the location's, else zero."""
    count, total = visits.get((location_id, provider_id), (0, ZERO))
    if not count:
        pairs = [v for (loc, _), v in visits.items() if loc == location_id]
        count, total = sum(c for c, _ in pairs), sum((t for _, t in pairs), ZERO)
    return (total / count).quantize(CENT) if count else ZERO


def missed_visit_cost(
    missed: Iterable[MissedVisit], visits: dict[tuple[str, str], tuple[int, Decimal]]
) -> dict[tuple[str, str], dict]:
    """Per (location, kind): how many, fees charged, scheduled revenue lost."""
    table: dict[tuple[str, str], dict] = {}
    for visit in missed:
        row = table.setdefault(
            (visit.location_id, visit.kind), {"count": 0, "fees_charged": ZERO, "revenue_lost": ZERO}
        )
        row["count"] += 1
        row["fees_charged"] += visit.fee
        row["revenue_lost"] += average_visit_value(visits, visit.location_id, visit.provider_id)
    return table

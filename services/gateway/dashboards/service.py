"""A location's day at a glance, gathered from every service at once; partial when one cannot answer."""

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from pydantic import TypeAdapter, ValidationError

from services.gateway.access import Caller
from services.gateway.dashboards import schemas as ds
from services.gateway.upstreams.client import Upstreams
from services.gateway.upstreams.domain import GatewayTimeout, ServiceUnavailable


@dataclass(frozen=True)
class Source:
    section: str
    service: str
    path: str
    params: dict[str, str]
    build: Callable[[object], ds.Section]


def _rows(model):
    return TypeAdapter(list[model]).validate_python


def _appointments(day_sheet) -> ds.AppointmentsSection:
    statuses = Counter(a["status"] for rows in day_sheet["by_provider"].values() for a in rows)
    return ds.AppointmentsSection(total=sum(statuses.values()), by_status=dict(statuses))


def _sources(location_id: str, day: date) -> list[Source]:
    at, on_day = f"/locations/{quote(location_id, safe='')}", {"day": day.isoformat()}
    return [
        Source("appointments", "scheduling", f"{at}/day-sheet", on_day, _appointments),
        Source("coverage", "staff", f"{at}/coverage", on_day, ds.CoverageSection.model_validate),
        Source(
            "rooms",
            "facilities",
            f"{at}/rooms",
            {},
            lambda rows: ds.RoomsSection(
                out_of_service=[r for r in _rows(ds.Room)(rows) if r.status == "out_of_service"]
            ),
        ),
        Source(
            "work_orders",
            "facilities",
            f"{at}/work-orders",
            {"status": "open"},
            lambda rows: ds.WorkOrdersSection(open=_rows(ds.WorkOrder)(rows)),
        ),
        Source(
            "low_stock",
            "facilities",
            f"{at}/supplies",
            {"low_stock": "true"},
            lambda rows: ds.StockSection(low=_rows(ds.SupplyItem)(rows)),
        ),
        Source(
            "claims",
            "billing",
            f"{at}/claims",
            {"needs_attention": "true"},
            lambda rows: ds.ClaimsSection(needs_attention=_rows(ds.Claim)(rows)),
        ),
        Source(
            "compliance_alerts",
            "compliance",
            "/alerts",
            {"location_id": location_id, "status": "open"},
            lambda rows: ds.AlertsSection(open=_rows(ds.Alert)(rows)),
        ),
    ]


async def location_dashboard(
    *, upstreams: Upstreams, location_id: str, day: date, caller: Caller, timeout_s: float
) -> ds.LocationDashboard:
    """Appointments, coverage, rooms, work orders, stock, claims and alerts of one location and day."""
    caller.principal.ensure_location(location_id)
    sources = _sources(location_id, day)
    sections = await asyncio.gather(*(_section(upstreams, s, caller.bearer, timeout_s) for s in sources))
    by_name = {s.section: section for s, section in zip(sources, sections, strict=True)}
    return ds.LocationDashboard(
        location_id=location_id, day=day, partial=not all(s.available for s in sections), **by_name
    )


async def _section(upstreams: Upstreams, source: Source, bearer: str, timeout_s: float) -> ds.Section:
    """One section; whatever goes wrong becomes `available: false` with the reason, never an error."""
    try:
        response = await asyncio.wait_for(
            upstreams.send(
                source.service, "GET", source.path, params=source.params, headers={"Authorization": f"Bearer {bearer}"}
            ),
            timeout=timeout_s,
        )
    except ServiceUnavailable:
        return _unavailable(source, f"{source.service} is not answering")
    except (GatewayTimeout, TimeoutError):
        return _unavailable(source, f"{source.service} did not answer within {timeout_s:g} s")
    if response.status_code != 200:
        return _unavailable(source, f"{source.service} answered {response.status_code}: {_message(response)}")
    try:
        return source.build(response.json())
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
        return _unavailable(source, f"{source.service} sent an answer the dashboard cannot read")


_SECTION_TYPES = {
    "appointments": ds.AppointmentsSection,
    "coverage": ds.CoverageSection,
    "rooms": ds.RoomsSection,
    "work_orders": ds.WorkOrdersSection,
    "low_stock": ds.StockSection,
    "claims": ds.ClaimsSection,
    "compliance_alerts": ds.AlertsSection,
}


def _unavailable(source: Source, reason: str) -> ds.Section:
    return _SECTION_TYPES[source.section](available=False, reason=reason)


def _message(response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase
    return str(body.get("message") or body.get("detail") or body.get("error")) if isinstance(body, dict) else ""

"""What a demo practice holds, read back through the gateway and stripped of the ids each run makes up.

Two runs of one seed on two fresh stacks must give equal snapshots: ids, timestamps the services stamp and
the hour the demo ran are left out; names, dates relative to today, states and amounts are kept.
"""

import string
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

LOCATIONS = ("loc-sj", "loc-oak", "loc-phx")


async def _patients(gw: httpx.AsyncClient) -> dict[str, tuple]:
    """Every patient, found by the first letters of their names: id -> (family, given, birth date, location)."""
    found: dict[str, tuple] = {}
    for letter in string.ascii_lowercase:
        offset = 0
        while offset is not None:
            page = await gw.get("/api/v1/scheduling/patients", params={"name": letter, "limit": 100, "offset": offset})
            assert page.status_code == 200, page.text
            for p in page.json()["items"]:
                found[p["id"]] = (p["family_name"], p["given_name"], p["birth_date"], p["location_id"])
            offset = page.json()["next_offset"]
    return found


async def read(gw: httpx.AsyncClient, first_day: int = -28, last_day: int = 13) -> dict:
    """The practice as the APIs show it, relative to today at each location."""
    snap: dict = {}
    locations = (await gw.get("/api/v1/facilities/locations")).json()
    snap["locations"] = sorted((x["location_id"], x["timezone"], x["state"]) for x in locations)
    zones = {x["location_id"]: ZoneInfo(x["timezone"]) for x in locations}
    patients = await _patients(gw)
    snap["patients"] = sorted(patients.values())
    staff: dict[str, tuple] = {}
    credentials = []
    for loc in LOCATIONS:
        today = datetime.now(zones[loc]).date()
        for m in (await gw.get("/api/v1/staff/members", params={"location_id": loc})).json():
            staff[m["id"]] = (m["family_name"], m["given_name"], m["role"], m["home_location_id"])
    for staff_id, who in staff.items():
        for c in (await gw.get(f"/api/v1/staff/members/{staff_id}/credentials")).json():
            expires = (date.fromisoformat(c["expires_on"]) - today).days if c["expires_on"] else None
            credentials.append((who[:2], c["kind"], c["status"], expires))
    snap["staff"], snap["credentials"] = sorted(staff.values()), sorted(credentials)
    snap["days"] = {}
    for loc in LOCATIONS:
        today = datetime.now(zones[loc]).date()
        for offset in range(first_day, last_day + 1):
            sheet = await gw.get(
                f"/api/v1/scheduling/locations/{loc}/day-sheet", params={"day": str(today + timedelta(days=offset))}
            )
            assert sheet.status_code == 200, sheet.text
            rows = [
                (
                    staff[a["provider_id"]][:2],
                    patients[a["patient_id"]][:2],
                    datetime.fromisoformat(a["start"]).astimezone(zones[loc]),
                    a["status"],
                    tuple(a["diagnosis_codes"] or ()),
                    a["late_cancel"],
                )
                for appointments in sheet.json()["by_provider"].values()
                for a in appointments
            ]
            if offset == 0 and rows:  # today's times are minutes from the hour the demo ran
                first = min(r[2] for r in rows)
                rows = [(*r[:2], int((r[2] - first).total_seconds() // 60), *r[3:]) for r in rows]
            else:
                rows = [(*r[:2], r[2].strftime("%H:%M"), *r[3:]) for r in rows]
            snap["days"][(loc, offset)] = sorted(rows)
    snap["claims"], snap["budget"] = {}, {}
    snap["stock"], snap["work_orders"], snap["tasks"], snap["waitlist"], snap["alerts"] = {}, {}, {}, {}, {}
    for loc in LOCATIONS:
        today = datetime.now(zones[loc]).date()
        claims = (await gw.get(f"/api/v1/billing/locations/{loc}/claims", params={"needs_attention": "false"})).json()
        snap["claims"][loc] = sorted((patients[c["patient_id"]][:2], c["status"], c["total"]) for c in claims)
        quarter = {"start": _month(today, -2), "end": _month(today, 0)}
        report = (await gw.get(f"/api/v1/billing/locations/{loc}/budget-vs-actual", params=quarter)).json()
        months = sorted({line["month"] for line in report["lines"]})
        snap["budget"][loc] = sorted(
            (months.index(x["month"]), x["category"], x["budget"], x["actual"]) for x in report["lines"]
        )
        snap["stock"][loc] = sorted(
            (s["name"], s["on_hand"], s["reorder_point"])
            for s in (await gw.get(f"/api/v1/facilities/locations/{loc}/supplies", params={"low_stock": "true"})).json()
        )
        snap["work_orders"][loc] = sorted(
            (w["title"], w["status"], w["priority"])
            for w in (await gw.get(f"/api/v1/facilities/locations/{loc}/work-orders")).json()
        )
        snap["tasks"][loc] = sorted(
            (t["title"], (date.fromisoformat(t["due_on"]) - today).days, t["status"], t["overdue"])
            for t in (await gw.get(f"/api/v1/facilities/locations/{loc}/maintenance-tasks")).json()
        )
        snap["waitlist"][loc] = sorted(
            (patients[w["patient_id"]][:2], (date.fromisoformat(w["earliest"]) - today).days, w["priority"])
            for w in (await gw.get(f"/api/v1/scheduling/locations/{loc}/waitlist")).json()
        )
        alerts = (await gw.get("/api/v1/compliance/alerts", params={"location_id": loc})).json()
        snap["alerts"][loc] = sorted(Counter(a["kind"] for a in alerts).items())
    policies = (await gw.get("/api/v1/compliance/policies")).json()
    snap["policies"] = sorted((p["code"], len(p["versions"])) for p in policies)
    snap["attested"] = {}
    for policy in policies:
        for loc in LOCATIONS:
            status = await gw.get(
                f"/api/v1/compliance/policy-versions/{policy['versions'][0]['id']}/attestations",
                params={"location_id": loc},
            )
            assert status.status_code == 200, status.text
            snap["attested"][(policy["code"], loc)] = _attestation_counts(status.json())
    return snap


def _month(day: date, offset: int) -> str:
    """YYYY-MM of the month `offset` months from the day's."""
    index = day.year * 12 + day.month - 1 + offset
    return f"{index // 12}-{index % 12 + 1:02d}"


def _attestation_counts(body: dict) -> dict[str, int]:
    """How many have and have not attested (the body's lists, whatever their names)."""
    return {key: len(value) for key, value in body.items() if isinstance(value, list)}

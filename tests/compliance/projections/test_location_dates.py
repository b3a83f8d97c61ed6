"""Rules about a location use the date at that location: its staff matrix, its OSHA cases and privacy
incidents, its access reviews. Checked at zones whose date differs from UTC's while the test runs."""

from datetime import timedelta

import pytest

from shared.clock import local_today, utc_today
from shared.contracts.facilities import LocationOpened
from shared.contracts.staff import CredentialAdded, StaffMemberHired
from tests.support.compliance import OFFICER, json_of, osha_case, zones_off_utc_date
from tests.support.dates import days_ago
from tests.support.polling import eventually
from tests.support.upstream import publish

pytestmark = pytest.mark.integration


async def open_location(suite, compliance, location_id: str, zone: str) -> None:
    """Play facilities and staff: a location in `zone` with one licensed member, known to compliance."""
    await publish(
        suite, LocationOpened(location_id=location_id, name=location_id, state="CA", timezone=zone), location_id
    )
    staff_id = f"dr-{location_id}"
    await publish(
        suite,
        StaffMemberHired(
            staff_id=staff_id,
            given_name="Dana",
            family_name="X",
            role="physician",
            home_location_id=location_id,
            location_ids=[location_id],
            manager_id="mgr-1",
            hired_on=days_ago(2000),
        ),
        staff_id,
    )
    # Valid through the UTC date before it: current at a location behind UTC, lapsed at one ahead.
    await publish(
        suite,
        CredentialAdded(
            credential_id=f"lic-{location_id}",
            staff_id=staff_id,
            kind="state_license",
            number="A1",
            issuer="Board",
            state="CA",
            issued_on=days_ago(700),
            expires_on=utc_today() - timedelta(days=0 if "ahead" in location_id else 1),
        ),
        staff_id,
    )
    await eventually(
        lambda: json_of(compliance, f"/locations/{location_id}/staff-compliance"),
        lambda m: m["as_of"] == local_today(zone).isoformat() and m["members"] and m["members"][0]["credentials"],
    )


async def test_matrix_incidents_and_reviews_go_by_the_date_at_the_location(make_suite):
    zones = zones_off_utc_date()
    suite = make_suite()
    await suite.start("compliance", env={"COMPLIANCE_REVIEW_CHECK_INTERVAL_S": "0.5"})
    async with suite.client("compliance", OFFICER) as compliance:
        for direction, zone in zones.items():
            location_id, today = f"loc-{direction}", local_today(zone)
            await open_location(suite, compliance, location_id, zone)
            matrix = await json_of(compliance, f"/locations/{location_id}/staff-compliance")
            (member,) = matrix["members"]
            # Ahead: it expired on the UTC date, which is yesterday there. Behind: it expires today there.
            expected = "overdue" if direction == "ahead" else "expiring"
            assert member["credentials"][0]["standing"] == expected, (zone, matrix)

            # Today there is never "in the future"; tomorrow there always is.
            for day, status in ((today, 201), (today + timedelta(days=1), 422)):
                entered = await compliance.post(
                    "/osha/cases", json=osha_case(location_id=location_id, occurred_on=day.isoformat())
                )
                assert entered.status_code == status, (zone, day, entered.text)
                reported = await compliance.post(
                    "/privacy-incidents",
                    json={
                        "location_id": location_id,
                        "discovered_on": day.isoformat(),
                        "description": "misdirected fax",
                        "individuals_affected": 1,
                    },
                )
                assert reported.status_code == status, (zone, day, reported.text)
                if status == 422:
                    assert entered.json()["field"] == "body.occurred_on", entered.text
                    assert reported.json()["field"] == "body.discovered_on", reported.text

            # A privacy incident discovered 60 days before today there is due today: still open, not overdue.
            due_today = await compliance.post(
                "/privacy-incidents",
                json={
                    "location_id": location_id,
                    "discovered_on": (today - timedelta(days=60)).isoformat(),
                    "description": "lost laptop",
                    "individuals_affected": 2,
                },
            )
            assert (due_today.json()["notification_deadline"], due_today.json()["status"]) == (
                today.isoformat(),
                "open",
            ), due_today.text

        if "ahead" in zones:
            # Due on the UTC date: past due at a location already on the next day, so the job flags it.
            campaign = (
                await compliance.post(
                    "/access-reviews", json={"name": "Q", "location_id": "loc-ahead", "due_on": utc_today().isoformat()}
                )
            ).json()

            async def review_alerts():
                alerts = await json_of(compliance, "/alerts", location_id="loc-ahead", status="open")
                return [a for a in alerts if a["kind"] == "access_review_overdue"]

            flagged = await eventually(review_alerts, lambda alerts: alerts)
            assert [a["subject"] for a in flagged] == [campaign["id"]]

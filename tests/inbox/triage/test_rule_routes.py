"""Triage rules over HTTP: the office manager's to read and edit, refused with the field named, and a dry run."""

import pytest

from tests.support.inbox_mail import mail_env
from tests.support.suite import token

pytestmark = pytest.mark.integration
MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="om-a")
DESK = token(roles=["front_desk"], locations=["loc-a"], sub="desk-a")
MAIL = {"recipients": ["north@clinic.test"], "sender": "claims@payer.test", "subject": "Claim 12345678", "body": "?"}


async def test_rules_are_edited_in_order_and_the_dry_run_names_the_hits(make_suite):
    suite = make_suite()
    await suite.start("inbox", env=mail_env())
    async with suite.client("inbox", MANAGER) as inbox, suite.client("inbox", DESK) as desk:
        starters = (await inbox.get("/triage/rules")).json()
        assert [r["name"] for r in starters][:2] == ["Clinical red flags", "Appointment requests"]
        before = (await inbox.post("/triage/dry-run", json=MAIL)).json()
        assert (before["category"], before["role"], before["location_id"]) == ("insurance_query", "biller", None)
        assert [h["name"] for h in before["hits"]] == ["Insurance queries"]

        rule = {
            "position": 1,
            "name": "North desk",
            "match_on": "recipient",
            "pattern": "north@clinic.test",
            "location_id": "loc-a",
            "priority": "urgent",
        }
        added = await inbox.post("/triage/rules", json=rule)
        assert added.status_code == 201, added.text
        after = (await inbox.post("/triage/dry-run", json=MAIL)).json()
        assert (after["location_id"], after["priority"], after["category"]) == ("loc-a", "urgent", "insurance_query")
        assert after["hits"][0] == {
            "rule_id": added.json()["id"],
            "name": "North desk",
            "set": ["location_id", "priority"],
        }

        changed = await inbox.put(f"/triage/rules/{added.json()['id']}", json=rule | {"priority": "asap"})
        assert changed.status_code == 200 and changed.json()["updated_by"] == "om-a"
        assert (await inbox.post("/triage/dry-run", json=MAIL)).json()["priority"] == "asap"

        bad = await inbox.post("/triage/rules", json=rule | {"match_on": "subject", "pattern": "(unclosed"})
        assert bad.status_code == 422 and "regular expression" in bad.text
        # what the fuzzer found: an id longer than its column (a 500), and numbers or flags given as other types
        for field, value in [("appointment_type_id", "a" * 37), ("position", "1"), ("position", 1.5), ("enabled", 1)]:
            refused = await inbox.post("/triage/rules", json=rule | {field: value})
            assert refused.status_code == 422, (field, value, refused.text)
            assert [e["field"] for e in refused.json()["errors"]] == [f"body.{field}"], refused.text
            replaced = await inbox.put(f"/triage/rules/{added.json()['id']}", json=rule | {field: value})
            assert replaced.status_code == 422, (field, value, replaced.text)
        elsewhere = await inbox.post("/triage/rules", json=rule | {"location_id": "loc-b"})
        assert (elsewhere.status_code, elsewhere.json()["field"]) == (403, "location_id")
        assert (await desk.get("/triage/rules")).status_code == 403
        assert (await desk.post("/triage/dry-run", json=MAIL)).status_code == 403

        assert (await inbox.delete(f"/triage/rules/{added.json()['id']}")).status_code == 204
        assert (await inbox.post("/triage/dry-run", json=MAIL)).json()["location_id"] is None
        assert (await inbox.delete(f"/triage/rules/{added.json()['id']}")).status_code == 404

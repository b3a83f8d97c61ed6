"""An emailed appointment request, across services: proposed in scheduling, booked there, its task completed."""

import pytest

from tests.support.flow import practice
from tests.support.inbox_mail import email, mail_env, messages, send, wait_for
from tests.support.mail_servers import free_port
from tests.support.suite import token
from tests.support.upstream import SLOT_END, SLOT_START

pytestmark = pytest.mark.integration
DESK = token(roles=["front_desk"], locations=["loc-a"], sub="desk-a")
MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="manager-a")


async def test_an_emailed_request_is_proposed_in_scheduling_and_booking_it_completes_the_task(make_suite):
    suite = make_suite()
    port = free_port()
    await suite.start("scheduling")
    await suite.start("inbox", env=mail_env(smtp_port=port))
    async with suite.client("scheduling", MANAGER) as scheduling, suite.client("inbox", DESK) as inbox:
        await practice(suite, scheduling)
        registered = await scheduling.post(
            "/patients",
            json={
                "family_name": "Okafor",
                "given_name": "Chi",
                "birth_date": "1980-02-03",
                "sex": "female",
                "email": "Chi.Okafor@example.org",
                "location_id": "loc-a",
            },
        )
        assert registered.status_code == 201, registered.text
        patient_id = registered.json()["id"]
        # The inbox learns the patient's address from scheduling's event before the mail arrives.
        await wait_for(
            lambda: suite.scalar(
                "inbox", "SELECT count(*) FROM patient_contact WHERE email = 'chi.okafor@example.org'"
            ),
            lambda n: n == 1,
            what="the patient's contact projected",
        )
        await send(
            port, email("Appointment request", "Could I see the doctor on a Tuesday?", sender="chi.okafor@example.org")
        )
        [message] = await wait_for(lambda: messages(inbox), lambda r: len(r) == 1, what="the message")
        assert (message["category"], message["patient_id"]) == ("appointment_request", patient_id)
        detail = (await inbox.get(f"/messages/{message['id']}")).json()
        assert detail["slot_search"]["days"] == ["tue"] and detail["slot_search"]["location_id"] == "loc-a"
        task = (await inbox.get(f"/tasks/{message['task_id']}")).json()
        assert (task["status"], task["role"], task["patient_id"]) == ("requested", "front_desk", patient_id)

        async with suite.client("scheduling", DESK) as desk:
            [request] = await wait_for(
                lambda: _pending(desk),
                lambda r: len(r) == 1,
                what="the proposed request in scheduling",
            )
            assert (request["source_ref"], request["patient_id"], request["status"]) == (
                message["id"],
                patient_id,
                "proposed",
            )
            booked = await desk.post(
                f"/appointment-requests/{request['id']}/book",
                json={"provider_id": "prov-7", "start": SLOT_START, "end": SLOT_END},
            )
            assert booked.status_code == 201, booked.text

        done = await wait_for(
            lambda: _task(inbox, message["task_id"]), lambda t: t["status"] == "completed", what="the task completed"
        )
        [closing] = [h for h in done["history"] if h["action"] == "completed"]
        assert closing["details"]["resolved_by"].startswith("scheduling.appointment_request.booked:")


async def _pending(desk) -> list[dict]:
    return (await desk.get("/appointment-requests")).json()


async def _task(inbox, task_id: str) -> dict:
    return (await inbox.get(f"/tasks/{task_id}")).json()

"""What the live stream sends to whom, and what a reconnect resumes from."""

from services.gateway.live.domain import Ring, live_event, visible_to
from shared.auth import Principal
from shared.envelope import Envelope


def checked_in(location_id: str) -> Envelope:
    return Envelope(
        type="scheduling.appointment.checked_in",
        source="/scheduling",
        subject="appt-1",
        data={
            "appointment_id": "appt-1",
            "patient_id": "pat-9",
            "location_id": location_id,
            "arrived_at": "2031-07-15T16:02:00Z",
        },
    )


def who(*roles: str, locations=("loc-a",)) -> Principal:
    return Principal(sub="u", roles=frozenset(roles), locations=frozenset(locations))


def test_an_event_carries_ids_and_times_but_no_patient():
    event = live_event(checked_in("loc-a"), event_id="e.1")
    assert event.data == {"appointment_id": "appt-1", "arrived_at": "2031-07-15T16:02:00Z"}
    assert event.location_id == "loc-a"
    assert "pat-9" not in event.frame()
    assert event.frame().startswith("id: e.1\nevent: scheduling.appointment\ndata: {")
    other = Envelope(type="billing.claim.denied", source="/b", subject="c", data={"location_id": "loc-a"})
    assert live_event(other, event_id="e.2") is None  # not a topic the console follows


def test_only_the_users_locations_and_roles_see_it():
    event = live_event(checked_in("loc-a"), event_id="e.1")
    assert visible_to(event, who("front_desk"))
    assert visible_to(event, who("practice_admin", locations=("*",)))
    assert not visible_to(event, who("front_desk", locations=("loc-b",)))
    assert not visible_to(event, who("biller"))


def test_a_task_event_reaches_every_role_at_its_location_without_its_patient_or_cause():
    assigned = Envelope(
        type="inbox.task.assigned",
        source="/inbox",
        subject="task-1",
        location_id="loc-a",
        data={"task_id": "task-1", "location_id": "loc-a", "role": "front_desk", "owner": "st-9", "assigned_by": "om"},
    )
    created = Envelope(
        type="inbox.task.created",
        source="/inbox",
        subject="task-2",
        data={"task_id": "task-2", "location_id": "loc-a", "role": "biller", "cause": "claim:c1", "patient_id": "p-9"},
    )
    event = live_event(assigned, event_id="e.1")
    assert event.topic == "inbox.task"
    assert event.data == {"task_id": "task-1", "role": "front_desk", "owner": "st-9"}
    assert "p-9" not in live_event(created, event_id="e.2").frame()
    assert "claim:c1" not in live_event(created, event_id="e.2").frame()
    assert visible_to(event, who("biller")) and visible_to(event, who("facilities_coordinator"))
    assert not visible_to(event, who("front_desk", locations=("loc-b",)))


def test_the_ring_resumes_after_an_id_it_still_holds_and_says_when_it_cannot():
    ring = Ring(epoch="e", size=3)
    for _ in range(5):
        ring.add(live_event(checked_in("loc-a"), event_id=ring.next_id()))
    assert [e.id for e in ring.since("e.3")] == ["e.4", "e.5"]
    assert [e.id for e in ring.since("e.2")] == ["e.3", "e.4", "e.5"]
    assert ring.since("e.5") == []
    assert ring.since(None) == []
    assert ring.since("e.1") is None  # e.2 fell off: the client refetches
    assert ring.since("other.4") is None  # another gateway process's id
    assert ring.since("e.9") is None
    assert ring.since("e.x") is None

"""The task's pure rules: FHIR status moves and the one-step priority raise."""

import pytest

from services.inbox.tasks.domain import CLOSED, MOVES, OPEN, Priority, Status, raised, refusal, role_refusal


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("requested", "accepted"),
        ("accepted", "in-progress"),
        ("in-progress", "completed"),
        ("in-progress", "on-hold"),
        ("on-hold", "in-progress"),
        ("requested", "rejected"),
        ("in-progress", "failed"),
        ("accepted", "cancelled"),
    ],
)
def test_fhir_moves_are_allowed(current, target):
    assert refusal(Status(current), Status(target)) is None


@pytest.mark.parametrize(
    ("current", "target", "reason"),
    [
        ("completed", "in-progress", "a closed task does not change status"),
        ("cancelled", "requested", "a closed task does not change status"),
        ("requested", "failed", "cannot become failed"),
        ("on-hold", "completed", "cannot become completed"),
        ("accepted", "accepted", "already accepted"),
    ],
)
def test_illegal_moves_name_the_reason(current, target, reason):
    assert reason in refusal(Status(current), Status(target))


def test_every_open_status_has_moves_and_no_closed_one_does():
    assert set(MOVES) == OPEN and not CLOSED & set(MOVES)


def test_priority_rises_one_step_and_stat_stays():
    assert [raised(p) for p in Priority] == [Priority.URGENT, Priority.ASAP, Priority.STAT, Priority.STAT]


def test_managers_see_every_pool_others_their_own_or_what_they_own():
    assert role_refusal(roles=frozenset({"office_manager"}), sub="m", task_role="biller", task_owner=None) is None
    assert role_refusal(roles=frozenset({"biller"}), sub="b", task_role="biller", task_owner=None) is None
    assert role_refusal(roles=frozenset({"front_desk"}), sub="d", task_role="biller", task_owner="d") is None
    assert role_refusal(roles=frozenset({"front_desk"}), sub="d", task_role="biller", task_owner=None)

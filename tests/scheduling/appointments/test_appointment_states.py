"""The FHIR Appointment life cycle as scheduling enforces it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.scheduling.appointments.domain import AppointmentStatus as S
from services.scheduling.appointments.domain import InvalidTransition, allowed_next, transition


def test_the_visit_path_booked_arrived_fulfilled():
    assert transition(transition(S.BOOKED, S.ARRIVED), S.FULFILLED) == S.FULFILLED


@pytest.mark.parametrize("terminal", [S.FULFILLED, S.CANCELLED, S.NOSHOW, S.ENTERED_IN_ERROR])
def test_terminal_states_go_nowhere(terminal):
    assert allowed_next(terminal) == []


def test_a_refused_move_names_the_allowed_next_states():
    with pytest.raises(InvalidTransition) as refused:
        transition(S.BOOKED, S.FULFILLED)
    assert refused.value.status == 409
    assert refused.value.details["allowed"] == ["arrived", "cancelled", "entered-in-error", "noshow"]


@given(st.lists(st.sampled_from(list(S)), max_size=8))
def test_any_sequence_of_requests_only_ever_follows_allowed_edges(targets):
    status = S.BOOKED
    for target in targets:
        if target in allowed_next(status):
            status = transition(status, target)
        else:
            with pytest.raises(InvalidTransition):
                transition(status, target)
    # Whatever happened, a fulfilled visit was checked in first: it cannot skip arrival.
    assert status != S.FULFILLED or S.ARRIVED in targets

"""Pure scheduling rules: the FHIR Appointment state machine. No I/O here."""

from enum import StrEnum

from shared.errors import Conflict


class AppointmentStatus(StrEnum):
    """FHIR R4 Appointment.status values this practice uses."""

    BOOKED = "booked"
    ARRIVED = "arrived"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    NOSHOW = "noshow"
    ENTERED_IN_ERROR = "entered-in-error"


_NEXT: dict[AppointmentStatus, frozenset[AppointmentStatus]] = {
    AppointmentStatus.BOOKED: frozenset(
        {
            AppointmentStatus.ARRIVED,
            AppointmentStatus.CANCELLED,
            AppointmentStatus.NOSHOW,
            AppointmentStatus.ENTERED_IN_ERROR,
        }
    ),
    AppointmentStatus.ARRIVED: frozenset({AppointmentStatus.FULFILLED, AppointmentStatus.ENTERED_IN_ERROR}),
    AppointmentStatus.FULFILLED: frozenset(),
    AppointmentStatus.CANCELLED: frozenset(),
    AppointmentStatus.NOSHOW: frozenset(),
    AppointmentStatus.ENTERED_IN_ERROR: frozenset(),
}


# Statuses that occupy their time: cancelled, no-show and entered-in-error free it.
HOLDS_TIME = (AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED, AppointmentStatus.FULFILLED)


class InvalidTransition(Conflict):
    """409 naming the states the appointment may move to from where it is."""


def allowed_next(status: AppointmentStatus) -> list[str]:
    return sorted(_NEXT[status])


def transition(current: AppointmentStatus, target: AppointmentStatus) -> AppointmentStatus:
    """The new status, or InvalidTransition when FHIR's life cycle forbids the move."""
    if target not in _NEXT[current]:
        raise InvalidTransition(
            f"cannot go from {current} to {target}",
            field="status",
            current=str(current),
            allowed=allowed_next(current),
        )
    return target

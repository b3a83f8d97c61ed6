"""The kinds of alert and how severe each is."""

from enum import StrEnum


class AlertKind(StrEnum):
    CREDENTIAL_EXPIRED = "credential_expired"
    CREDENTIAL_SUSPENDED = "credential_suspended"
    TRAINING_OVERDUE = "training_overdue"
    BREAK_GLASS = "break_glass"
    ACCESS_OUTSIDE_LOCATIONS = "access_outside_locations"
    UNUSUAL_ACCESS_VOLUME = "unusual_access_volume"
    BREACH_NOTIFICATION_OVERDUE = "breach_notification_overdue"
    REPEATED_DENIALS = "repeated_denials"
    ACCESS_REVIEW_OVERDUE = "access_review_overdue"


SEVERITY = {
    AlertKind.CREDENTIAL_EXPIRED: "high",
    AlertKind.CREDENTIAL_SUSPENDED: "high",
    AlertKind.TRAINING_OVERDUE: "medium",
    AlertKind.BREAK_GLASS: "high",
    AlertKind.ACCESS_OUTSIDE_LOCATIONS: "high",
    AlertKind.UNUSUAL_ACCESS_VOLUME: "medium",
    AlertKind.BREACH_NOTIFICATION_OVERDUE: "critical",
    AlertKind.REPEATED_DENIALS: "high",  # someone probing records they may not open
    AlertKind.ACCESS_REVIEW_OVERDUE: "medium",
}

"""Equipment's vocabulary: how critical a device is."""

from enum import StrEnum


class Criticality(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

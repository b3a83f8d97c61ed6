"""Rooms' vocabulary: why a room is out of service."""

from enum import StrEnum


class OutageCause(StrEnum):
    MANUAL = "manual"
    EQUIPMENT = "equipment"

"""Terminations' HTTP model (the answer is the member, as members shows them)."""

from pydantic import BaseModel

from shared.fields import Day


class TerminationIn(BaseModel):
    terminated_on: Day

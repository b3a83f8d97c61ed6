"""Terminations' HTTP model (the answer is the member, as members shows them)."""

from datetime import date

from pydantic import BaseModel


class TerminationIn(BaseModel):
    terminated_on: date

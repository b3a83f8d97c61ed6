"""Linking: scheduling's patients kept from its events, and a sender matched to one of them."""

from sqlalchemy import select

from services.inbox.linking.domain import phone_digits, phones_in
from services.inbox.linking.models import PatientContact
from shared.contracts import scheduling
from shared.envelope import Envelope
from shared.projection import get_or_add, newer_snapshot
from shared.uow import UnitOfWork


async def on_patient_registered(*, uow: UnitOfWork, event: scheduling.PatientRegistered, envelope: Envelope) -> None:
    """Keep the patient's email and phone (also handles `.updated`: the whole state each time)."""
    contact = await newer_snapshot(uow, PatientContact, event.patient_id, envelope)
    if contact is not None:
        contact.location_id = event.location_id
        contact.email = event.email.strip().lower() if event.email else None
        contact.phone_digits = phone_digits(event.phone)


on_patient_updated = on_patient_registered


async def on_patient_merged(*, uow: UnitOfWork, event: scheduling.PatientMerged, envelope: Envelope) -> None:
    """A duplicate now points at its survivor: mail from its address links the survivor."""
    duplicate = await get_or_add(uow.session, PatientContact, event.duplicate_id)
    duplicate.merged_into = event.survivor_id


async def match_patient(uow: UnitOfWork, *, sender: str, text: str) -> PatientContact | None:
    """The patient whose email is the sender's, else whose phone the mail quotes; only an unambiguous match."""
    candidates: list[PatientContact] = []
    if sender:
        candidates = list(await uow.session.scalars(select(PatientContact).where(PatientContact.email == sender)))
    if not candidates and (numbers := phones_in(text)[:5]):
        query = select(PatientContact).where(PatientContact.phone_digits.in_(numbers))
        candidates = list(await uow.session.scalars(query))
    survivors = {c.merged_into or c.patient_id for c in candidates}
    if len(survivors) != 1:
        return None  # nobody, or a shared family address: a person decides, the inbox does not guess
    survivor_id = survivors.pop()
    return next((c for c in candidates if c.patient_id == survivor_id), None) or await uow.session.get(
        PatientContact, survivor_id
    )

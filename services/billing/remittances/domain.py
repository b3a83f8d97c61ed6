"""Pure rules of remittance posting: who owes the adjusted amounts, what counts as underpaid. No I/O here."""

from decimal import Decimal

from services.billing.db import CENT, ZERO

# Group codes whose amounts the patient owes; CO, OA and PI are written off.
PATIENT_GROUP = "PR"
# OA-23 on a secondary payer's 835: the prior payer's payments and adjustments, already counted on the claim.
PRIOR_PAYER_IMPACT = ("OA", "23")


def split_adjustments(adjustments) -> tuple[Decimal, Decimal]:
    """(written off by this payer, owed by the patient) of CAS amounts (anything with group_code, carc, amount)."""
    patient = sum((a.amount for a in adjustments if a.group_code == PATIENT_GROUP), ZERO)
    prior = sum((a.amount for a in adjustments if (a.group_code, a.carc) == PRIOR_PAYER_IMPACT), ZERO)
    return sum((a.amount for a in adjustments), ZERO) - patient - prior, patient


def underpaid_by(allowed: Decimal, settled: Decimal) -> Decimal:
    """How far paid + patient responsibility fell short of the contracted allowed amount (a cent is tolerated)."""
    short = allowed - settled
    return short if short > CENT else ZERO

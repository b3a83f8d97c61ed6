"""Remittances: 835 import, posting to claims and balances, payer reversals, underpayments."""

"""Billing: charges, claims, remittance and balances."""

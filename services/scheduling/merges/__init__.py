"""Merges: a duplicate patient record folded into its survivor, with its appointments."""

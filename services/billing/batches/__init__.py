"""Claim batches: a location's ready claims exported as one validated 837P interchange."""

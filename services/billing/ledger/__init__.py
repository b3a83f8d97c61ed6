"""The patient ledger: balances, payments, refunds and statements."""

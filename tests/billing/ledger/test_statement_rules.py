"""Pure rules of the patient ledger: a statement reconciles opening to closing balance."""

from decimal import Decimal as D

import pytest

from services.billing.ledger.domain import StatementLine, reconcile


def test_statement_reconciles_or_says_which_line_does_not():
    lines = [StatementLine(1, D("100.00"), D("110.00")), StatementLine(2, D("-25.50"), D("84.50"))]
    assert reconcile(D("10.00"), lines) == D("84.50")
    with pytest.raises(ValueError, match="line 2"):
        reconcile(D("10.00"), [lines[0], StatementLine(2, D("-25.50"), D("84.49"))])

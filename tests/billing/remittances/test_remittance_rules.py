"""Pure rules of remittance posting: adjustment splits, underpayments, reversals as parsed."""

from decimal import Decimal

from services.billing.claims.domain import REVERSIBLE, ClaimStatus
from services.billing.remittances.domain import split_adjustments, underpaid_by
from services.billing.x12 import edi835
from tests.support.x12_835 import Clp, Svc, build_835

D = Decimal
A = edi835.Adjustment


def test_patient_share_and_prior_payer_impact_are_not_written_off():
    assert split_adjustments(
        [A("CO", "45", D("25")), A("PR", "1", D("20")), A("OA", "23", D("30")), A("OA", "94", D("1.50"))]
    ) == (D("26.50"), D("20"))
    # A reversal's negative amounts split the same way: the undo is the exact opposite.
    assert split_adjustments([A("CO", "45", D("-25")), A("PR", "1", D("-20"))]) == (D("-25"), D("-20"))


def test_underpaid_only_by_more_than_a_cent():
    assert underpaid_by(D("100.00"), D("80.00")) == D("20.00")
    assert underpaid_by(D("100.00"), D("99.99")) == D("0.00")
    assert underpaid_by(D("100.00"), D("99.98")) == D("0.02")
    assert underpaid_by(D("100.00"), D("120.00")) == D("0.00")


def test_a_reversal_reads_back_with_its_negative_amounts():
    reversal = Clp(
        "claim-1", "22", [Svc("99213", D("-125"), D("-80"), [("CO", "45", D("-25")), ("PR", "1", D("-20"))], "line-1")]
    )
    parsed = edi835.parse(build_835([reversal], trace="EFT-9")).claims[0]
    assert (parsed.status_code, parsed.charge, parsed.paid, parsed.patient_responsibility) == (
        "22",
        D("-125"),
        D("-80"),
        D("-20"),
    )
    assert parsed.lines[0].adjustments == [A("CO", "45", D("-25")), A("PR", "1", D("-20"))]
    assert ClaimStatus.PAID in REVERSIBLE and ClaimStatus.SUBMITTED not in REVERSIBLE

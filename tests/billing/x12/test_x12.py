"""837P out and back, 835 in: valid against the implementation guides, counts and control numbers right."""

from dataclasses import replace
from decimal import Decimal

import pytest

from services.billing.x12 import edi835, edi837
from services.billing.x12.edi837_cob import balances
from services.billing.x12.envelope import read
from services.billing.x12.validation import validate
from tests.billing.x12.x12_samples import ADJUDICATED_ON, ENVELOPE, SUBMITTER, claim, secondary_claim
from tests.support.x12_835 import Clp, Svc, build_835

CLAIMS = [
    claim(),
    claim("c0ffee00-0000-4000-8000-000000000002", relationship="child"),
    replace(claim("c0ffee00-0000-4000-8000-000000000003"), replaces_payer_claim="PCN0001"),
]


def test_837p_validates_against_005010x222a1_and_parses_back_to_the_same_claims():
    text = edi837.build(CLAIMS, envelope=ENVELOPE, submitter=SUBMITTER, batch_ref="42")

    assert validate(text) == []
    control, back = edi837.parse(text)
    assert control == 42
    assert back == CLAIMS


def test_a_secondary_claim_carries_the_primary_payers_adjudication_and_stays_valid():
    secondary = secondary_claim()
    text = edi837.build([claim(), secondary], envelope=ENVELOPE, submitter=SUBMITTER, batch_ref="43")

    assert validate(text) == []
    _, back = edi837.parse(text)
    assert back == [claim(), secondary]
    segments = read(text).segments
    tags = [s[0] for s in segments]
    # The secondary's subscriber loop says S; its loop 2320 names the primary (P) and what it paid.
    assert [s[1] for s in segments if s[0] == "SBR"] == ["P", "S", "P"]
    assert ["AMT", "D", "80"] in segments and [
        "NM1",
        "PR",
        "2",
        "Acme Health",
        "",
        "",
        "",
        "",
        "PI",
        "ACME01",
    ] in segments
    # Per line (2430): the primary's payment, its adjustments by group and CARC, the remittance date.
    assert [s for s in segments if s[0] in ("SVD", "CAS")] == [
        ["SVD", "ACME01", "80", "HC:99213:25", "", "1"],
        ["CAS", "CO", "45", "25"],
        ["CAS", "PR", "1", "20"],
        ["SVD", "ACME01", "0", "HC:83036:QW", "", "1"],
        ["CAS", "CO", "50", "50.5"],
    ]
    assert tags.count("DTP") == 4 + 2 and ["DTP", "573", "D8", ADJUDICATED_ON.strftime("%Y%m%d")] in segments
    # The guide's balancing: each line's charge is what the primary paid plus what it adjusted.
    assert all(
        balances(line.charge, prior) for line, prior in zip(secondary.lines, secondary.prior_payer.lines, strict=True)
    )


def test_837p_envelope_counts_and_control_numbers():
    segments = read(edi837.build(CLAIMS, envelope=ENVELOPE, submitter=SUBMITTER, batch_ref="42")).segments
    tags = [s[0] for s in segments]
    isa, gs, st, se, ge, iea = (segments[tags.index(t)] for t in ("ISA", "GS", "ST", "SE", "GE", "IEA"))
    assert isa[13] == iea[2] == "000000042" and gs[6] == ge[2] == "42" and st[2] == se[2] == "0001"
    assert int(se[1]) == tags.index("SE") - tags.index("ST") + 1
    assert ge[1] == iea[1] == "1"
    assert st[3] == gs[8] == "005010X222A1"
    # Both claims, each line with its date of service, under one billing provider.
    assert tags.count("CLM") == 3 and tags.count("SV1") == tags.count("DTP") == 6 and tags.count("HL") == 5
    # The corrected claim says so: frequency 7 and the payer's claim number it replaces.
    clm = [s for s in segments if s[0] == "CLM"][2]
    assert clm[5] == "11:B:7" and ["REF", "F8", "PCN0001"] in segments


def test_a_miscounted_837p_is_refused_by_the_validator_and_the_parser():
    text = edi837.build(CLAIMS, envelope=ENVELOPE, submitter=SUBMITTER, batch_ref="42").replace("\nSE*", "\nSE*1", 1)
    assert any("SE count" in finding for finding in validate(text))
    with pytest.raises(ValueError, match="SE01"):
        edi837.parse(text)


def test_delimiters_in_data_do_not_break_the_interchange():
    tricky = replace(claim(), subscriber=replace(claim().subscriber, family_name="O*Brien~"), patient=None)
    text = edi837.build([tricky], envelope=ENVELOPE, submitter=SUBMITTER, batch_ref="1")
    assert validate(text) == []
    assert edi837.parse(text)[1][0].subscriber.family_name == "O Brien"


def test_835_parses_payments_lines_and_adjustments():
    text = build_835(
        [
            Clp(
                "claim-1",
                "1",
                [
                    Svc(
                        "99213",
                        Decimal("125"),
                        Decimal("80"),
                        [("CO", "45", Decimal("25")), ("PR", "1", Decimal("20"))],
                        "line-1",
                    ),
                    Svc("83036", Decimal("50.50"), Decimal("0"), [("CO", "50", Decimal("50.50"))], "line-2"),
                ],
            ),
            Clp("claim-2", "4", [Svc("99214", Decimal("200"), Decimal("0"), [("CO", "50", Decimal("200"))])]),
        ],
        trace="EFT123",
    )
    assert validate(text) == []

    remittance = edi835.parse(text)
    assert (remittance.trace_number, remittance.payer_id, remittance.payment_amount) == (
        "EFT123",
        "ACME01",
        Decimal("80"),
    )
    first, second = remittance.claims
    assert (first.patient_control_number, first.paid, first.patient_responsibility) == ("claim-1", 80, 20)
    assert [(line.line_id, line.paid) for line in first.lines] == [("line-1", 80), ("line-2", 0)]
    assert [(a.group_code, a.carc, a.amount) for a in first.lines[0].adjustments] == [("CO", "45", 25), ("PR", "1", 20)]
    assert second.status_code == "4" and second.lines[0].adjustments[0].carc == "50"


def test_an_837_is_not_an_835():
    with pytest.raises(ValueError, match="not an 835"):
        edi835.parse(edi837.build(CLAIMS, envelope=ENVELOPE, submitter=SUBMITTER, batch_ref="42"))

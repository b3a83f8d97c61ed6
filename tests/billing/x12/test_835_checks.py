"""An 835 that is not whole, valid and balanced is refused, naming the segment, the rule and the values."""

from decimal import Decimal

import pytest

from services.billing.x12 import edi835
from services.billing.x12.check835 import problems
from services.billing.x12.validation import validate
from tests.support.x12_835 import Clp, Svc, build_835
from tests.support.x12_mutations import cut_after, cut_before, segments, with_element, without

D = Decimal
# Ana's visit paid 100 of 125 (CO-45 25) and her lab line in full; a denied claim; a balance forwarded (PLB).
GOOD = build_835(
    [
        Clp(
            "LOCA-000001",
            "1",
            [
                Svc("99213", D("125"), D("100"), [("CO", "45", D("25"))], "LOCA-000001-1"),
                Svc("83036", D("50.50"), D("50.50"), [], "LOCA-000001-2", ("QW",)),
            ],
        ),
        Clp("LOCA-000002", "4", [Svc("99214", D("200"), D("0"), [("CO", "50", D("200"))])]),
    ],
    trace="EFT-1",
)
CLAIM_ONLY = build_835([Clp("LOCA-000003", "1", [])], trace="EFT-2")  # adjudicated at claim level, no SVC
WITH_PLB = build_835(
    [Clp("LOCA-000001", "1", [Svc("99213", D("125"), D("100"), [("CO", "45", D("25"))])])],
    trace="EFT-3",
    plb=[("WO", "OVERPAY-7", D("30"))],
)  # 30 recovered: BPR02 70
REVERSAL = build_835(
    [Clp("LOCA-000001", "22", [Svc("99213", D("-125"), D("-100"), [("CO", "45", D("-25"))])])],
    trace="EFT-4",
    plb=[("FB", "EFT-4", D("-100"))],
)  # nothing left to pay: forwarded


def position_of(text: str, tag: str, nth: int = 0) -> int:
    return [i for i, seg in enumerate(segments(text), start=1) if seg[0] == tag][nth]


def first(found):
    assert found, "the file was not refused"
    return found[0]


@pytest.mark.parametrize("text", [GOOD, CLAIM_ONLY, WITH_PLB, REVERSAL])
def test_the_good_samples_are_valid_for_pyx12_and_balanced(text):
    assert validate(text) == []
    assert problems(text) == []


def test_a_plb_adjustment_is_part_of_the_balance():
    assert edi835.parse(WITH_PLB).payment_amount == D("70")
    assert segments(WITH_PLB)[position_of(WITH_PLB, "PLB") - 1][3:] == ["WO:OVERPAY-7", "30"]


@pytest.mark.parametrize(
    ("cut", "tag", "control"),
    [
        (lambda t: cut_before(t, "SE*"), "ST", "0001"),  # no SE, GE, IEA
        (lambda t: cut_after(t, "NM1*QC"), "ST", "0001"),  # an upload interrupted mid-claim
        (lambda t: cut_before(t, "GE*"), "GS", "900"),
        (lambda t: cut_before(t, "IEA*"), "ISA", "000000900"),
    ],
)
def test_a_truncated_file_is_refused_naming_the_header_left_open(cut, tag, control):
    found = problems(cut(GOOD))
    problem = first(found)
    assert (problem.segment, problem.rule) == (tag, f"{tag} closed by {dict(ST='SE', GS='GE', ISA='IEA')[tag]}")
    assert f"'{control}'" in problem.message and "truncated" in problem.message


def test_cut_after_nm1_qc_is_also_out_of_balance_and_pyx12_says_so_too():
    found = problems(cut_after(GOOD, "NM1*QC"))
    rules = [p.rule for p in found]
    assert rules[:3] == ["ST closed by SE", "GS closed by GE", "ISA closed by IEA"]
    assert "CLP03 - CLP04 = sum of CAS" in rules  # 175.50 - 150.50: nothing says where 25.00 went
    assert any(p.rule.endswith("(pyx12)") and "missing" in p.message for p in found)


@pytest.mark.parametrize(
    ("tag", "index", "value", "rule", "names"),
    [
        ("SE", 2, "0002", "SE02 = ST02 (segment 3)", ("'0002'", "'0001'")),
        ("GE", 2, "901", "GE02 = GS06 (segment 2)", ("'901'", "'900'")),
        ("IEA", 2, "000000901", "IEA02 = ISA13 (segment 1)", ("'000000901'", "'000000900'")),
        ("SE", 1, "99", "SE01 = the segments from ST to SE", ("'99'",)),
        ("GE", 1, "2", "GE01 = the transaction sets in the group", ("'2'", "'1'")),
        ("IEA", 1, "3", "IEA01 = the functional groups in the interchange", ("'3'", "'1'")),
    ],
)
def test_trailers_must_repeat_their_headers_control_numbers_and_counts(tag, index, value, rule, names):
    bad = with_element(GOOD, tag, index, value)
    problem = first(problems(bad))
    assert (problem.segment, problem.position, problem.rule) == (tag, position_of(bad, tag), rule)
    assert all(name in problem.message for name in names), problem.message


def test_bpr02_must_be_what_the_claims_paid_less_plb():
    problem = first(problems(with_element(GOOD, "BPR", 2, "1000")))
    assert (problem.segment, problem.position, problem.rule) == ("BPR", 4, "BPR02 = sum of CLP04 - sum of PLB")
    assert "BPR02 is 1000" in problem.message and "150.5" in problem.message
    assert first(problems(with_element(WITH_PLB, "BPR", 2, "100"))).message.endswith("total 30: 70")


def test_a_claim_must_explain_what_it_did_not_pay():
    # CLP03 125 - CLP04 100 with no CAS: 25.00 would vanish into A/R on a claim marked paid.
    unexplained = (
        build_835([Clp("LOCA-000009", "1", [])], trace="EFT-5")
        .replace("CLP*LOCA-000009*1*0*0", "CLP*LOCA-000009*1*125*100")
        .replace("BPR*I*0*", "BPR*I*100*")
    )
    problem = first(problems(unexplained))
    assert (problem.segment, problem.rule) == ("CLP", "CLP03 - CLP04 = sum of CAS")
    assert problem.message == "CLP03 125 - CLP04 100 = 25, but its adjustments (CAS) total 0"
    assert validate(unexplained) == []  # pyx12 alone lets it through: the balancing is ours


def test_service_lines_balance_and_add_up_to_the_claims_payment():
    line = first(problems(with_element(GOOD, "CAS", 3, "20")))  # 99213: 125 - 100 = 25, CAS says 20
    assert (line.segment, line.rule) == ("SVC", "SVC02 - SVC03 = sum of CAS")
    assert line.position == position_of(GOOD, "SVC")
    # A line pays 90 where the claim says 100: the claim's sum is off as well as the line's.
    found = problems(with_element(GOOD, "SVC", 3, "90"))
    assert {p.rule for p in found} >= {"SVC02 - SVC03 = sum of CAS", "sum of SVC03 = CLP04"}
    assert any("CLP04 is 150.5, its service lines paid (SVC03) 140.5" in p.message for p in found)


def test_a_claim_without_a_trn_is_refused_not_a_server_error():
    bad = without(GOOD, "TRN")
    problem = first(problems(bad))
    assert (problem.segment, problem.rule) == ("CLP", "BPR and TRN before CLP")
    with pytest.raises(ValueError, match="before the remittance's TRN"):
        edi835.parse(bad)


@pytest.mark.parametrize(
    ("tag", "index", "element"),
    [("CLP", 3, "CLP03"), ("CLP", 4, "CLP04"), ("BPR", 2, "BPR02"), ("SVC", 3, "SVC03"), ("CAS", 3, "CAS03")],
)
def test_a_non_numeric_amount_names_its_segment_and_element(tag, index, element):
    bad = with_element(GOOD, tag, index, "12x5")
    problem = first(problems(bad))
    assert (problem.segment, problem.position) == (tag, position_of(bad, tag))
    assert (problem.rule, problem.message) == (f"{element} is a decimal number", f"{element} is '12x5', not a number")


@pytest.mark.parametrize("value", ["NaN", "1e3", "Infinity", " ", "1.2.3"])
def test_only_x12_decimals_are_numbers(value):
    assert first(problems(with_element(GOOD, "CLP", 4, value))).segment == "CLP"


def test_every_truncation_is_refused_with_a_problem_never_an_exception():
    lines = GOOD.splitlines(keepends=True)
    for n in range(1, len(lines)):
        cut = "".join(lines[:n])
        if len(cut) >= 106:
            assert problems(cut), f"accepted a file cut after segment {n}"
    for size in (0, 50, 105, 106, 120, len(GOOD) // 2):
        assert problems(GOOD[:size]) and problems(GOOD[:size] + "~~~***")


def test_a_837_or_a_second_transaction_set_is_refused():
    st = position_of(GOOD, "ST")
    assert first(problems(with_element(GOOD, "ST", 1, "837"))).message == "transaction set 837 is not an 835"
    two = segments(GOOD)
    body = two[st - 1 : position_of(GOOD, "SE")]
    doubled = "".join("*".join(s) + "~\n" for s in [*two[: position_of(GOOD, "SE")], *body, *two[-2:]])
    doubled = doubled.replace("GE*1*", "GE*2*")
    assert "one transaction set per file" in [p.rule for p in problems(doubled)]


def test_a_group_that_is_not_a_remittance_group_is_named_by_us_not_by_a_missing_pyx12_map():
    bad = with_element(GOOD, "GS", 1, "HC")
    problem = first(problems(bad))
    assert (problem.segment, problem.position, problem.rule) == ("GS", 2, "GS01 = HP")
    assert problem.message == "GS01 is 'HC', an 835's group is HP"


@pytest.mark.parametrize("tag", ["GS", "ST"])
def test_a_broken_envelope_that_pyx12_trips_over_gives_our_words_not_a_python_error(tag):
    found = problems(
        without(GOOD, "GS")
        if tag == "GS"
        else "".join(line for line in GOOD.splitlines(keepends=True) if not line.startswith("ST*"))
    )
    assert found
    assert not [p for p in found if "list index" in p.message or "Error" in p.message or "Map not" in p.message]

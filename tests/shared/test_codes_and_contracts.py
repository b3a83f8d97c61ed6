"""Code-set formats and the completion contract's own checks."""

from datetime import timedelta

import pytest
from pydantic import TypeAdapter, ValidationError

from shared.clock import utcnow
from shared.codes import DiagnosisCode, ProcedureCode
from shared.contracts.scheduling import AppointmentCompleted
from tests.support.dates import iso_utc

procedure = TypeAdapter(ProcedureCode)
diagnosis = TypeAdapter(DiagnosisCode)
VISIT = utcnow().replace(microsecond=0) - timedelta(days=2)  # a visit completed two days ago


@pytest.mark.parametrize("code", ["99213", "83036", "0001F", "0042T", "J1100", "g0439"])
def test_valid_procedure_codes(code):
    assert procedure.validate_python(code) == code.upper()


@pytest.mark.parametrize("code", ["9921", "992134", "ABCDE", "0001X", "", "99 13"])
def test_invalid_procedure_codes(code):
    with pytest.raises(ValidationError):
        procedure.validate_python(code)


@pytest.mark.parametrize("code", ["E11.9", "I10", "Z00.00", "S72.001A", "m54.5"])
def test_valid_icd10_codes(code):
    assert diagnosis.validate_python(code) == code.upper()


@pytest.mark.parametrize("code", ["E1", "11.9", "U07.1", "E11.12345", "E11-9"])
def test_invalid_icd10_codes(code):
    with pytest.raises(ValidationError):
        diagnosis.validate_python(code)


def test_completed_event_rejects_a_pointer_to_a_missing_diagnosis():
    with pytest.raises(ValidationError, match="pointer 2"):
        AppointmentCompleted(
            appointment_id="a",
            patient_id="p",
            provider_id="d",
            location_id="l",
            date_of_service=VISIT.date().isoformat(),
            completed_at=iso_utc(VISIT),
            diagnosis_codes=["I10"],
            service_lines=[{"cpt": "99213", "diagnosis_pointers": [2]}],
        )


def test_consumers_ignore_fields_they_do_not_know():
    event = AppointmentCompleted.model_validate(
        {
            "appointment_id": "a",
            "patient_id": "p",
            "provider_id": "d",
            "location_id": "l",
            "date_of_service": VISIT.date().isoformat(),
            "completed_at": iso_utc(VISIT),
            "diagnosis_codes": ["I10"],
            "service_lines": [{"cpt": "99213"}],
            "added_later": 1,
        }
    )
    assert AppointmentCompleted.topic() == "scheduling.appointment"
    assert event.service_lines[0].diagnosis_pointers == [1]

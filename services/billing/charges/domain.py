"""Pure rules of charges: a completed visit's billable lines. No I/O here."""

from dataclasses import dataclass

from shared.contracts.scheduling import AppointmentCompleted


@dataclass(frozen=True)
class ChargeLine:
    line_number: int
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_codes: list[str]


def charge_lines(visit: AppointmentCompleted) -> list[ChargeLine]:
    """One charge per CPT line, its diagnosis pointers resolved to ICD-10 codes in pointer order."""
    return [
        ChargeLine(
            line_number=number,
            cpt=line.cpt,
            modifiers=list(line.modifiers),
            units=line.units,
            diagnosis_codes=[visit.diagnosis_codes[p - 1] for p in line.diagnosis_pointers],
        )
        for number, line in enumerate(visit.service_lines, start=1)
    ]

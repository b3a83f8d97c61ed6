// The flow board's lanes and the wait of an arrived patient.
import type { Appointment } from '../api/client';

export type Lane = { key: string; title: string; statuses: string[] };

export const LANES: Lane[] = [
  { key: 'booked', title: 'Booked', statuses: ['booked'] },
  { key: 'arrived', title: 'Arrived', statuses: ['arrived'] },
  { key: 'fulfilled', title: 'Fulfilled', statuses: ['fulfilled'] },
  { key: 'closed', title: 'No-show / cancelled', statuses: ['noshow', 'cancelled'] },
];

export function byLane(appointments: Appointment[]): Record<string, Appointment[]> {
  const lanes: Record<string, Appointment[]> = Object.fromEntries(LANES.map((l) => [l.key, []]));
  for (const a of [...appointments].sort((x, y) => x.start.localeCompare(y.start))) {
    const lane = LANES.find((l) => l.statuses.includes(a.status));
    if (lane) lanes[lane.key].push(a);
  }
  return lanes;
}

/** Minutes waited since arrival (or, when the arrival time is not known here, since the booked start). */
export function waitMinutes(appointment: Appointment, arrivedAt: string | undefined, now: number): number {
  const since = new Date(arrivedAt ?? appointment.start).getTime();
  return Math.max(0, Math.floor((now - since) / 60_000));
}

/** CPT lines and ICD-10 codes as the completion form holds them, checked before they are sent. */
export type LineDraft = { cpt: string; modifiers: string; units: number; pointers: string };

export function completionBody(lines: LineDraft[], diagnoses: string) {
  const diagnosis_codes = diagnoses
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const service_lines = lines
    .filter((l) => l.cpt.trim())
    .map((l) => ({
      cpt: l.cpt.trim().toUpperCase(),
      modifiers: l.modifiers.split(/[\s,]+/).map((m) => m.trim().toUpperCase()).filter(Boolean),
      units: l.units,
      diagnosis_pointers: l.pointers.split(/[\s,]+/).filter(Boolean).map(Number),
    }));
  const problems: string[] = [];
  if (!diagnosis_codes.length) problems.push('Enter at least one ICD-10 code.');
  if (!service_lines.length) problems.push('Enter at least one CPT line.');
  for (const line of service_lines)
    if (line.diagnosis_pointers.some((p) => !Number.isInteger(p) || p < 1 || p > diagnosis_codes.length))
      problems.push(`CPT ${line.cpt}: each pointer is the number of a diagnosis above (1 to ${diagnosis_codes.length}).`);
  return { body: { diagnosis_codes, service_lines }, problems };
}

// Merging a duplicate record into the one kept (the survivor): what the desk compares, and what it confirms.
import type { Patient, Schemas } from '../api/client';
import { fullName } from '../schedule/patients';

export type MergeResult = Schemas['SchedulingMergeOut'];

type Fact = { label: string; of: (p: Patient) => string };

const FACTS: Fact[] = [
  { label: 'Name', of: fullName },
  { label: 'Birth date', of: (p) => p.birth_date },
  { label: 'Sex', of: (p) => p.sex },
  { label: 'Phone', of: (p) => p.phone ?? '—' },
  { label: 'Email', of: (p) => p.email ?? '—' },
  { label: 'Location', of: (p) => p.location_id },
];

export type FactRow = { label: string; survivor: string; duplicate: string; differs: boolean };

/** The two records side by side, each fact marked where they disagree (what the survivor keeps is its own). */
export function compare(survivor: Patient, duplicate: Patient): FactRow[] {
  return FACTS.map(({ label, of }) => {
    const [kept, folded] = [of(survivor), of(duplicate)];
    return { label, survivor: kept, duplicate: folded, differs: kept !== folded };
  });
}

export const patientLabel = (p: Patient) => `${fullName(p)} (born ${p.birth_date})`;

/** What the user confirms: the move cannot be undone from the console, so it says what happens to each record. */
export function confirmation(survivor: Patient, duplicate: Patient): string {
  const [kept, folded] = [patientLabel(survivor), patientLabel(duplicate)];
  return `Merge ${folded} into ${kept}: ${fullName(duplicate)}’s appointments move to ${fullName(survivor)}, and ${fullName(duplicate)} is marked merged.`;
}

/** What the merge did, in the survivor's name. */
export function outcome(result: MergeResult, duplicate: Patient): string {
  const n = result.appointments_moved;
  const moved = n === 0 ? 'no appointment moved' : n === 1 ? '1 appointment moved' : `${n} appointments moved`;
  return `${fullName(duplicate)} merged into ${fullName(result.survivor)}: ${moved}.`;
}

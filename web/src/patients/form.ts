// The patient form as the desk fills it, turned into scheduling's bodies: a registration, or a patch of only what
// changed (phone and email may be cleared; name, birth date and sex may not).
import type { Patient, Schemas } from '../api/client';

export type Sex = Schemas['SchedulingPatientIn']['sex'];
export const SEXES: { value: Sex; label: string }[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Unknown' },
];

export type PatientDraft = {
  family_name: string;
  given_name: string;
  birth_date: string;
  sex: Sex;
  phone: string;
  email: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postal_code: string;
};

export function draftOf(p?: Patient): PatientDraft {
  return {
    family_name: p?.family_name ?? '',
    given_name: p?.given_name ?? '',
    birth_date: p?.birth_date ?? '',
    sex: p?.sex ?? 'unknown',
    phone: p?.phone ?? '',
    email: p?.email ?? '',
    line1: p?.address?.line1 ?? '',
    line2: p?.address?.line2 ?? '',
    city: p?.address?.city ?? '',
    state: p?.address?.state ?? '',
    postal_code: p?.address?.postal_code ?? '',
  };
}

type Address = NonNullable<Schemas['SchedulingPatientIn']['address']>;

function addressOf(d: PatientDraft, problems: string[]): Address | null {
  const parts = [d.line1, d.line2, d.city, d.state, d.postal_code].map((s) => s.trim());
  if (parts.every((s) => !s)) return null;
  if (!d.line1.trim() || !d.city.trim()) problems.push('An address needs its street and city.');
  if (!/^[A-Z]{2}$/.test(d.state.trim().toUpperCase())) problems.push('State: the two-letter code, e.g. CA.');
  if (!/^\d{5}(-?\d{4})?$/.test(d.postal_code.trim())) problems.push('ZIP code: five digits, or ZIP+4.');
  return {
    line1: d.line1.trim(),
    line2: d.line2.trim() || null,
    city: d.city.trim(),
    state: d.state.trim().toUpperCase(),
    postal_code: d.postal_code.trim(),
  };
}

function checked(d: PatientDraft, today: string) {
  const problems: string[] = [];
  if (!d.family_name.trim()) problems.push('Enter the family name.');
  if (!d.given_name.trim()) problems.push('Enter the given name.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.birth_date)) problems.push('Enter the birth date.');
  else if (d.birth_date > today) problems.push('The birth date is in the future.');
  if (d.phone.trim() && !/^\+?[0-9 ()-]{7,20}$/.test(d.phone.trim())) problems.push('Phone: digits, spaces, ( ) and - only.');
  const address = addressOf(d, problems);
  return {
    problems,
    fields: {
      family_name: d.family_name.trim(),
      given_name: d.given_name.trim(),
      birth_date: d.birth_date,
      sex: d.sex,
      phone: d.phone.trim() || null,
      email: d.email.trim() || null,
      address,
    },
  };
}

/** The registration at the location, or what to fix first. */
export function registrationBody(d: PatientDraft, locationId: string, today: string) {
  const { problems, fields } = checked(d, today);
  return { problems, body: { ...fields, location_id: locationId } as Schemas['SchedulingPatientIn'] };
}

/** Only the fields that changed (the service audits and announces each change); nothing when nothing did. */
export function patchBody(before: Patient, d: PatientDraft, today: string) {
  const { problems, fields } = checked(d, today);
  const was = checked(draftOf(before), '9999-12-31').fields;
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    if (JSON.stringify(value) !== JSON.stringify(was[key as keyof typeof was])) body[key] = value;
  return { problems, body: body as Schemas['SchedulingPatientPatch'] };
}

/** Scheduling's search needs a criterion: a name of two letters or more, or a birth date. */
export function searchQuery(name: string, birthDate: string): { name?: string; birth_date?: string } | null {
  const query: { name?: string; birth_date?: string } = {};
  if (name.trim().length >= 2) query.name = name.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) query.birth_date = birthDate;
  return Object.keys(query).length ? query : null;
}

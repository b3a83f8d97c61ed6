import { expect, test } from 'vitest';
import type { Patient } from '../api/client';
import { compare, confirmation, outcome } from './merge';

const patient = (id: string, given_name: string, family_name: string, birth_date: string, extra: Partial<Patient> = {}): Patient => ({
  id,
  given_name,
  family_name,
  birth_date,
  sex: 'female',
  location_id: 'loc-a',
  phone: null,
  email: null,
  ...extra,
});
const ann = patient('p-1', 'Ann', 'Lee', '1980-04-02', { phone: '555-0101' });
const anne = patient('p-2', 'Anne', 'Lee', '1980-04-02');

test('the comparison marks the facts the two records disagree on', () => {
  const rows = compare(ann, anne);
  expect(rows.filter((r) => r.differs).map((r) => r.label)).toEqual(['Name', 'Phone']);
  expect(rows.find((r) => r.label === 'Birth date')).toEqual({
    label: 'Birth date',
    survivor: '1980-04-02',
    duplicate: '1980-04-02',
    differs: false,
  });
});

test('the confirmation says which record goes where and what happens to it', () => {
  expect(confirmation(ann, anne)).toBe(
    'Merge Lee, Anne (born 1980-04-02) into Lee, Ann (born 1980-04-02): Lee, Anne’s appointments move to Lee, Ann, and Lee, Anne is marked merged.',
  );
});

test('the outcome counts the appointments moved', () => {
  expect(outcome({ survivor: ann, duplicate_id: 'p-2', appointments_moved: 3 }, anne)).toBe(
    'Lee, Anne merged into Lee, Ann: 3 appointments moved.',
  );
  expect(outcome({ survivor: ann, duplicate_id: 'p-2', appointments_moved: 1 }, anne)).toContain('1 appointment moved');
  expect(outcome({ survivor: ann, duplicate_id: 'p-2', appointments_moved: 0 }, anne)).toContain('no appointment moved');
});

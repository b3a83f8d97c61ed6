import { expect, test } from 'vitest';
import type { Patient } from '../api/client';
import { draftOf, patchBody, registrationBody, searchQuery } from './form';

const ana = {
  id: 'p1',
  family_name: 'Rivera',
  given_name: 'Ana',
  birth_date: '1975-04-12',
  sex: 'female',
  phone: '+1 555 010 2000',
  email: null,
  location_id: 'loc-a',
  address: { line1: '12 Oak Ave', line2: null, city: 'Springfield', state: 'CA', postal_code: '90211' },
} as Patient;

test('a registration is checked, trimmed and placed at the location', () => {
  const draft = { ...draftOf(), family_name: ' Rivera ', given_name: 'Ana', birth_date: '1975-04-12', sex: 'female' as const };
  const { problems, body } = registrationBody(draft, 'loc-a', '2031-01-01');
  expect(problems).toEqual([]);
  expect(body).toMatchObject({ family_name: 'Rivera', location_id: 'loc-a', phone: null, address: null });
  const future = registrationBody({ ...draft, birth_date: '2031-01-02' }, 'loc-a', '2031-01-01');
  expect(future.problems).toEqual(['The birth date is in the future.']);
  const badAddress = registrationBody({ ...draft, line1: '1 Main', state: 'california', postal_code: '9021' }, 'loc-a', '2031-01-01');
  expect(badAddress.problems).toHaveLength(3);
});

test('an edit sends only what changed, and clears a phone with null', () => {
  expect(patchBody(ana, draftOf(ana), '2031-01-01').body).toEqual({});
  const edited = patchBody(ana, { ...draftOf(ana), phone: '', city: 'Shelbyville' }, '2031-01-01').body;
  expect(edited).toEqual({
    phone: null,
    address: { line1: '12 Oak Ave', line2: null, city: 'Shelbyville', state: 'CA', postal_code: '90211' },
  });
});

test('a search needs a name of two letters or a birth date', () => {
  expect(searchQuery('R', '')).toBeNull();
  expect(searchQuery(' Ri ', '')).toEqual({ name: 'Ri' });
  expect(searchQuery('', '1975-04-12')).toEqual({ birth_date: '1975-04-12' });
  expect(searchQuery('Rivera', '1975-04-12')).toEqual({ name: 'Rivera', birth_date: '1975-04-12' });
});

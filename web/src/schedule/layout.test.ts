import { expect, test } from 'vitest';
import type { StaffMember } from '../api/client';
import { gridHours, placement, providerColumns } from './layout';

test('an appointment is placed by its wall-clock time at the location', () => {
  const hours = { start: 7 * 60, end: 19 * 60 };
  const at = placement({ start: '2031-07-15T16:00:00Z', end: '2031-07-15T16:30:00Z' }, 'America/Los_Angeles', hours);
  expect(at).toEqual({ top: 8 * 22, height: 2 * 22 }); // 09:00 is two hours (8 rows) below 07:00
});

test('the grid spans the opening hours of the days shown', () => {
  const hours = [
    { weekday: 1, opens: '08:30', closes: '17:00' },
    { weekday: 2, opens: '07:00', closes: '20:15' },
  ];
  expect(gridHours(hours, ['2031-07-15'])).toEqual({ start: 8 * 60, end: 17 * 60 }); // a Tuesday
  expect(gridHours(hours, ['2031-07-15', '2031-07-16'])).toEqual({ start: 7 * 60, end: 21 * 60 });
  expect(gridHours([], ['2031-07-15'])).toEqual({ start: 7 * 60, end: 19 * 60 });
});

test('clinicians get columns, other staff do not, unlisted providers with visits do', () => {
  const member = (id: string, role: string, family_name: string) =>
    ({ id, role, given_name: 'A', family_name, terminated_on: null }) as StaffMember;
  const columns = providerColumns(
    [member('p1', 'physician', 'Zed'), member('r1', 'receptionist', 'Desk'), member('p2', 'nurse_practitioner', 'Ames')],
    { p1: [], 'p-gone': [] },
  );
  expect(columns.map((c) => c.id)).toEqual(['p2', 'p1', 'p-gone']);
});

import { expect, test } from 'vitest';
import type { Appointment } from '../api/client';
import { byLane, completionBody, waitMinutes } from './board';

const visit = (id: string, status: string, start: string) => ({ id, status, start, end: start }) as Appointment;

test('appointments fall in their lanes in time order', () => {
  const lanes = byLane([
    visit('b', 'booked', '2031-07-15T17:00:00Z'),
    visit('a', 'booked', '2031-07-15T16:00:00Z'),
    visit('c', 'arrived', '2031-07-15T15:00:00Z'),
    visit('d', 'noshow', '2031-07-15T14:00:00Z'),
    visit('e', 'entered-in-error', '2031-07-15T14:00:00Z'),
  ]);
  expect(lanes.booked.map((a) => a.id)).toEqual(['a', 'b']);
  expect(lanes.arrived.map((a) => a.id)).toEqual(['c']);
  expect(lanes.closed.map((a) => a.id)).toEqual(['d']);
});

test('the wait counts from arrival when known', () => {
  const a = visit('a', 'arrived', '2031-07-15T16:00:00Z');
  const now = Date.parse('2031-07-15T16:25:00Z');
  expect(waitMinutes(a, '2031-07-15T16:10:00Z', now)).toBe(15);
  expect(waitMinutes(a, undefined, now)).toBe(25);
});

test('the completion form becomes the API body, pointers checked against the diagnoses', () => {
  const ok = completionBody([{ cpt: '99213', modifiers: '25', units: 1, pointers: '1, 2' }], 'j06.9 R05');
  expect(ok.problems).toEqual([]);
  expect(ok.body).toEqual({
    diagnosis_codes: ['J06.9', 'R05'],
    service_lines: [{ cpt: '99213', modifiers: ['25'], units: 1, diagnosis_pointers: [1, 2] }],
  });
  const bad = completionBody([{ cpt: '99213', modifiers: '', units: 1, pointers: '3' }], 'J06.9');
  expect(bad.problems[0]).toMatch(/1 to 1/);
  expect(completionBody([], '').problems).toHaveLength(2);
});

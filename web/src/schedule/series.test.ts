import { expect, test } from 'vitest';
import { NO_REPEAT, repeatProblem, seriesBody } from './series';

const booking = {
  location_id: 'loc-a',
  patient_id: 'pt-1',
  provider_id: 'p1',
  appointment_type_id: 't1',
  start: '2031-07-15T16:00:00Z',
  end: '2031-07-15T16:30:00Z',
  room_id: 'r1',
};

test('a series for a count sends the count and no end date', () => {
  expect(seriesBody(booking, '2031-07-15', { ...NO_REPEAT, every: 2, unit: 'week', count: 4 })).toEqual({
    body: { ...booking, every: 2, unit: 'week', count: 4 },
  });
});

test('a series until a date sends the date and no count', () => {
  const repeat = { ...NO_REPEAT, every: 1, unit: 'day' as const, ends: 'until' as const, until: '2031-07-19' };
  expect(seriesBody(booking, '2031-07-15', repeat)).toEqual({ body: { ...booking, every: 1, unit: 'day', until: '2031-07-19' } });
});

test('out-of-bounds or missing values are refused before sending', () => {
  const problem = (repeat: Partial<typeof NO_REPEAT>) => 'problem' in seriesBody(booking, '2031-07-15', { ...NO_REPEAT, ...repeat });
  expect(problem({ every: 0 })).toBe(true);
  expect(problem({ every: 53 })).toBe(true);
  expect(problem({ every: '' })).toBe(true);
  expect(problem({ every: 1.5 })).toBe(true);
  expect(problem({ count: 1 })).toBe(true);
  expect(problem({ count: 53 })).toBe(true);
  expect(problem({ count: 52 })).toBe(false);
  expect(problem({ ends: 'until', until: '' })).toBe(true);
  expect(problem({ ends: 'until', until: '2031-07-15' })).toBe(true); // the first day itself: nothing repeats
  expect(problem({ ends: 'until', until: '2031-07-16' })).toBe(false);
});

test('the form is told what to fix', () => {
  expect(repeatProblem({ ...NO_REPEAT, count: 60 }, '2031-07-15')).toBe('A series holds 2 to 52 appointments.');
  expect(repeatProblem({ ...NO_REPEAT, every: 0, unit: 'day' }, '2031-07-15')).toBe('Repeat every 1 to 52 days.');
  expect(repeatProblem(NO_REPEAT, '2031-07-15')).toBeNull();
});

import { expect, test } from 'vitest';
import { addDays, instantOf, wallTime, weekStart } from './time';

test('wall time at the location, not the browser', () => {
  expect(wallTime('2031-07-15T16:30:00Z', 'America/Los_Angeles')).toEqual({ day: '2031-07-15', minutes: 9 * 60 + 30 });
  expect(wallTime('2031-07-15T03:00:00Z', 'America/New_York')).toEqual({ day: '2031-07-14', minutes: 23 * 60 });
});

test('a wall-clock time becomes its instant, across daylight saving', () => {
  expect(instantOf('2031-07-15', 9 * 60, 'America/Los_Angeles')).toBe('2031-07-15T16:00:00Z');
  expect(instantOf('2031-01-15', 9 * 60, 'America/Los_Angeles')).toBe('2031-01-15T17:00:00Z');
  expect(instantOf('2031-01-15', 8 * 60 + 15, 'America/New_York')).toBe('2031-01-15T13:15:00Z');
});

test('weeks start on Monday and days roll over months', () => {
  expect(weekStart('2031-07-17')).toBe('2031-07-14'); // a Thursday
  expect(weekStart('2031-07-14')).toBe('2031-07-14');
  expect(weekStart('2031-07-20')).toBe('2031-07-14'); // Sunday
  expect(addDays('2031-01-31', 1)).toBe('2031-02-01');
});

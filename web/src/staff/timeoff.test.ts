import { describe, expect, it } from 'vitest';
import { decisionLabel, hoursAway, periodLabel } from './timeoff';

describe('periodLabel', () => {
  it('names the day once when the time off stays within it, both days otherwise, in local time', () => {
    expect(periodLabel({ start: '2031-03-11T13:00:00Z', end: '2031-03-11T21:00:00Z' }, 'America/New_York')).toBe('Tue, Mar 11 09:00–17:00');
    expect(periodLabel({ start: '2031-03-11T13:00:00Z', end: '2031-03-13T21:00:00Z' }, 'America/New_York')).toBe(
      'Tue, Mar 11 09:00 – Thu, Mar 13 17:00',
    );
  });
});

it('labels decisions', () => {
  expect(decisionLabel({ status: 'approved' })).toBe('Approved');
  expect(decisionLabel({ status: 'something_new' })).toBe('something_new');
});

it('counts the hours away, to a tenth', () => {
  expect(hoursAway({ start: '2031-03-11T13:00:00Z', end: '2031-03-11T21:00:00Z' })).toBe(8);
  expect(hoursAway({ start: '2031-03-11T13:00:00Z', end: '2031-03-11T13:20:00Z' })).toBe(0.3);
});

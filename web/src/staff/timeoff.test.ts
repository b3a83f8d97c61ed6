import { describe, expect, it } from 'vitest';
import { decisionLabel, periodLabel, requestIdProblem } from './timeoff';

describe('requestIdProblem', () => {
  it('accepts a UUID, trimmed, and names what is wrong otherwise', () => {
    expect(requestIdProblem(' 3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c ')).toBeNull();
    expect(requestIdProblem('')).toMatch(/Enter/);
    expect(requestIdProblem('1234')).toMatch(/8-4-4-4-12/);
  });
});

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

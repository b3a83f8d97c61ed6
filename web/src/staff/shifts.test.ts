import { describe, expect, it } from 'vitest';
import { fillSpan, shiftProblem, shiftTimes, templateEntries, weekdayOf } from './shifts';
import { weekDays, type Shift } from './week';

const ZONE = 'America/New_York';
const shift = (id: string, staffId: string, start: string, end: string, status = 'scheduled'): Shift => ({
  id, staff_id: staffId, location_id: 'loc-a', start, end, status, template_id: null,
});
const draft = { staffId: 'p1', day: '2031-03-11', start: '08:00', end: '18:00' };

describe('shiftProblem', () => {
  it('lets a complete shift through', () => {
    expect(shiftProblem(draft)).toBeNull();
    expect(shiftProblem({ ...draft, start: '22:00', end: '06:00' })).toBeNull();
  });

  it('names what is missing or malformed', () => {
    expect(shiftProblem({ ...draft, staffId: '' })).toBe('Choose who works the shift.');
    expect(shiftProblem({ ...draft, day: '' })).toBe('Choose the day of the shift.');
    expect(shiftProblem({ ...draft, start: '8:00' })).toBe('Give the start as HH:MM.');
    expect(shiftProblem({ ...draft, end: '24:00' })).toBe('Give the end as HH:MM.');
    expect(shiftProblem({ ...draft, end: '08:00' })).toBe('The shift ends when it starts: give it a length.');
  });
});

describe('shiftTimes', () => {
  it('gives local date-times without an offset', () => {
    expect(shiftTimes(draft)).toEqual({ start: '2031-03-11T08:00:00', end: '2031-03-11T18:00:00' });
  });

  it('ends a night shift the next morning, across a month end too', () => {
    expect(shiftTimes({ ...draft, day: '2031-03-31', start: '22:00', end: '06:00' })).toEqual({
      start: '2031-03-31T22:00:00',
      end: '2031-04-01T06:00:00',
    });
  });
});

describe('weekdayOf', () => {
  it('counts from Monday', () => {
    expect(weekDays('2031-03-12').map(weekdayOf)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('templateEntries', () => {
  const days = weekDays('2031-03-10');

  it('reads each scheduled shift in the location’s wall clock, on its weekday, in order', () => {
    const entries = templateEntries(
      [
        // 12:00Z is 08:00 in New York on Wednesday 2031-03-12 (EDT, UTC-4).
        shift('b', 'r1', '2031-03-12T12:00:00Z', '2031-03-12T22:00:00Z'),
        // Monday 2031-03-10 is also EDT: the change came on Sunday the 9th.
        shift('a', 'p1', '2031-03-10T13:00:00Z', '2031-03-10T21:30:00Z'),
        shift('x', 'p1', '2031-03-11T13:00:00Z', '2031-03-11T21:00:00Z', 'cancelled'),
      ],
      days,
      ZONE,
    );
    expect(entries).toEqual([
      { staff_id: 'p1', weekday: 0, start: '09:00', end: '17:30' },
      { staff_id: 'r1', weekday: 2, start: '08:00', end: '18:00' },
    ]);
  });

  it('keeps a Sunday night shift on Sunday with its end before its start, and leaves out other weeks', () => {
    const entries = templateEntries(
      [
        // 2031-03-17T02:00Z is 22:00 on Sunday the 16th in New York; it ends 06:00 Monday.
        shift('n', 'r1', '2031-03-17T02:00:00Z', '2031-03-17T10:00:00Z'),
        shift('next', 'r1', '2031-03-17T13:00:00Z', '2031-03-17T21:00:00Z'),
      ],
      days,
      ZONE,
    );
    expect(entries).toEqual([{ staff_id: 'r1', weekday: 6, start: '22:00', end: '06:00' }]);
  });
});

it('a fill covers whole weeks from the Monday shown, within the 92 days one generation may span', () => {
  expect(fillSpan('2031-03-10', 1)).toEqual({ firstDay: '2031-03-10', lastDay: '2031-03-16' });
  expect(fillSpan('2031-03-10', 6)).toEqual({ firstDay: '2031-03-10', lastDay: '2031-04-20' });
  expect(fillSpan('2031-03-10', 40)).toEqual({ firstDay: '2031-03-10', lastDay: '2031-06-08' }); // 13 weeks: 91 days
  expect(fillSpan('2031-03-10', 0)).toEqual({ firstDay: '2031-03-10', lastDay: '2031-03-16' });
});

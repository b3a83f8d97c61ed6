import { expect, test } from 'vitest';
import { NO_ROOM, coveringVisits, gridColumns, gridHours, inColumn, placement, providerColumns, roomLanes } from './layout';

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

test('the listed clinicians get columns by name, and a provider with visits who is not listed gets one too', () => {
  const columns = providerColumns(
    [
      { staff_id: 'p1', name: 'Zoe Zed' },
      { staff_id: 'p2', name: 'Ann Ames' },
    ],
    { p1: [], '9f0c2d41-gone': [] },
  );
  expect(columns).toEqual([
    { id: 'p2', name: 'Ann Ames' },
    { id: '9f0c2d41-gone', name: 'Not listed here (9f0c2d41)' },
    { id: 'p1', name: 'Zoe Zed' },
  ]);
});

test('rooms get columns: listed ones, unlisted ones in use, and "No room" only when a visit has none', () => {
  const rooms = [
    { room_id: 'r2', name: 'Exam 2', status: 'out_of_service' as const },
    { room_id: 'r1', name: 'Exam 1', status: 'in_service' as const },
  ];
  const visits = [{ room_id: 'r1' }, { room_id: 'r-old' }, { room_id: null }, {}];
  expect(roomLanes(rooms, visits)).toEqual([
    { id: 'r1', name: 'Exam 1' },
    { id: 'r2', name: 'Exam 2 (out of service)' },
    { id: 'r-old', name: 'r-old' },
    { id: NO_ROOM, name: 'No room' },
  ]);
  // A front desk may not list rooms: the rooms the visits use, by id.
  expect(roomLanes(null, [{ room_id: 'r1' }, { room_id: 'r1' }])).toEqual([{ id: 'r1', name: 'r1' }]);
});

test('room columns hold their room’s visits, the no-room column those without one', () => {
  const [exam, none] = gridColumns(['2031-07-15'], [{ id: 'r1', name: 'Exam 1' }, { id: NO_ROOM, name: 'No room' }], 'rooms');
  expect(exam).toEqual({ key: '2031-07-15/room:r1', day: '2031-07-15', providerId: '', label: 'Exam 1', roomId: 'r1' });
  expect(inColumn({ provider_id: 'p1', room_id: 'r1' }, exam)).toBe(true);
  expect(inColumn({ provider_id: 'p1', room_id: null }, exam)).toBe(false);
  expect(inColumn({ provider_id: 'p1', room_id: null }, none)).toBe(true);
  expect(inColumn({ provider_id: 'p1' }, none)).toBe(true);
});

test('provider columns keep their keys; the week view names the day', () => {
  const week = gridColumns(['2031-07-14', '2031-07-15'], [{ id: 'p1', name: 'Ann Lee' }], 'providers');
  expect(week.map((c) => [c.key, c.label, c.providerId, c.roomId])).toEqual([
    ['2031-07-14/p1', 'Mon, Jul 14 · Ann Lee', 'p1', undefined],
    ['2031-07-15/p1', 'Tue, Jul 15 · Ann Lee', 'p1', undefined],
  ]);
});

test('a visit outside the opening hours widens the grid to the whole hours around it', () => {
  const hours = { start: 8 * 60, end: 17 * 60 };
  // 05:40–06:00 and 18:10–18:40 in Los Angeles (PDT) on 2031-07-15
  const early = { start: '2031-07-15T12:40:00Z', end: '2031-07-15T13:00:00Z' };
  const late = { start: '2031-07-16T01:10:00Z', end: '2031-07-16T01:40:00Z' };
  expect(coveringVisits(hours, [early, late], 'America/Los_Angeles')).toEqual({ start: 5 * 60, end: 19 * 60 });
  const inside = { start: '2031-07-15T16:00:00Z', end: '2031-07-15T16:30:00Z' };
  expect(coveringVisits(hours, [inside], 'America/Los_Angeles')).toBe(hours); // the same object: nothing redrawn
});

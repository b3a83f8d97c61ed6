import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../api/client';
import { awayShifts, rosterGrid, roleLabel, weekDays, weekGaps, type Coverage, type Shift } from './week';

const ZONE = 'America/New_York';
const member = (id: string, given: string, family: string, role: string, extra: Partial<StaffMember> = {}) =>
  ({ id, given_name: given, family_name: family, role, home_location_id: 'loc-a', location_ids: ['loc-a'], hired_on: '2020-01-01', terminated_on: null, ...extra }) as StaffMember;
const shift = (id: string, staffId: string, start: string, end: string, status = 'scheduled'): Shift => ({
  id, staff_id: staffId, location_id: 'loc-a', start, end, status, template_id: null,
});

describe('weekDays', () => {
  it('runs Monday to Sunday around any day of the week', () => {
    expect(weekDays('2031-03-13')).toEqual(['2031-03-10', '2031-03-11', '2031-03-12', '2031-03-13', '2031-03-14', '2031-03-15', '2031-03-16']);
    expect(weekDays('2031-03-16')[0]).toBe('2031-03-10');
  });
});

describe('rosterGrid', () => {
  const days = weekDays('2031-03-10');
  const members = [
    member('p1', 'Dana', 'Lee', 'physician'),
    member('r1', 'Fran', 'Desk', 'receptionist'),
    member('p0', 'Ari', 'Berg', 'physician'),
    member('gone', 'Old', 'Hand', 'physician', { terminated_on: '2030-01-01' }),
  ];

  it('puts each shift on its local start day, in local times, members by role then name', () => {
    // 13:00Z is 09:00 in New York in March after DST (EDT, UTC-4) on 2031-03-11.
    const rows = rosterGrid(members, [shift('s1', 'p1', '2031-03-11T13:00:00Z', '2031-03-11T21:00:00Z')], days, ZONE);
    expect(rows.map((r) => r.name)).toEqual(['Berg, Ari', 'Lee, Dana', 'Desk, Fran']);
    const dana = rows[1];
    expect(dana.days[1]).toEqual([{ id: 's1', from: '09:00', to: '17:00', overnight: false, status: 'scheduled', away: false }]);
    expect(dana.shifts).toBe(1);
    expect(rows[0].days.every((d) => d.length === 0)).toBe(true);
  });

  it('files a shift starting late on Sunday evening local time under Sunday, and marks one crossing midnight', () => {
    // 2031-03-17T02:00Z is 22:00 on Sunday the 16th in New York.
    const rows = rosterGrid(members, [shift('n', 'r1', '2031-03-17T02:00:00Z', '2031-03-17T10:00:00Z')], days, ZONE);
    const fran = rows.find((r) => r.staffId === 'r1')!;
    expect(fran.days[6][0]).toMatchObject({ from: '22:00', to: '06:00', overnight: true });
  });

  it('leaves out shifts of other weeks and terminated members without shifts, keeps strangers holding a shift', () => {
    const rows = rosterGrid(
      members,
      [shift('x', 'p1', '2031-03-20T13:00:00Z', '2031-03-20T21:00:00Z'), shift('y', 'visitor-123456789', '2031-03-12T13:00:00Z', '2031-03-12T17:00:00Z')],
      days,
      ZONE,
    );
    expect(rows.some((r) => r.staffId === 'gone')).toBe(false);
    expect(rows.find((r) => r.staffId === 'p1')!.shifts).toBe(0);
    expect(rows.find((r) => r.staffId === 'visitor-123456789')).toMatchObject({ name: 'Member visitor-', role: 'unknown' });
  });

  it('marks a shift approved time off overlaps, matching coverage by instant not by string', () => {
    const coverage: Coverage = {
      location_id: 'loc-a',
      day: '2031-03-11',
      on_shift: [{ staff_id: 'p1', name: 'Dana Lee', role: 'physician', start: '2031-03-11T09:00:00-04:00', end: '2031-03-11T17:00:00-04:00', on_time_off: true }],
      gaps: [],
    };
    const rows = rosterGrid(members, [shift('s1', 'p1', '2031-03-11T13:00:00Z', '2031-03-11T21:00:00Z')], days, ZONE, awayShifts([coverage]));
    expect(rows.find((r) => r.staffId === 'p1')!.days[1][0].away).toBe(true);
  });
});

describe('weekGaps', () => {
  it('lists gaps in local time, day then start', () => {
    const gap = (start: string, end: string, role = 'physician') => ({ role, required: 2, scheduled: 1, start, end });
    const coverages: Coverage[] = [
      { location_id: 'loc-a', day: '2031-03-12', on_shift: [], gaps: [gap('2031-03-12T12:00:00Z', '2031-03-12T16:00:00Z')] },
      { location_id: 'loc-a', day: '2031-03-11', on_shift: [], gaps: [gap('2031-03-11T20:00:00Z', '2031-03-11T22:00:00Z'), gap('2031-03-11T12:00:00Z', '2031-03-11T14:00:00Z', 'medical_assistant')] },
    ];
    expect(weekGaps(coverages, ZONE).map((g) => `${g.day} ${g.from}-${g.to} ${g.role}`)).toEqual([
      '2031-03-11 08:00-10:00 medical_assistant',
      '2031-03-11 16:00-18:00 physician',
      '2031-03-12 08:00-12:00 physician',
    ]);
  });
});

it('says roles as people do', () => {
  expect(roleLabel('medical_assistant')).toBe('Medical assistant');
});

// The week's roster as a grid: one row per member, one column per local day, each cell the shifts starting that day.
import type { Schemas, StaffMember } from '../api/client';
import { addDays, clock, wallTime, weekStart } from '../schedule/time';

export type Shift = Schemas['StaffShiftOut'];
export type Coverage = Schemas['StaffCoverageOut'];

export type ShiftCell = { id: string; from: string; to: string; overnight: boolean; status: string; away: boolean };
export type RosterRow = { staffId: string; name: string; role: string; days: ShiftCell[][]; shifts: number };
export type CoverageGapRow = { day: string; role: string; required: number; scheduled: number; from: string; to: string };

/** The seven local days (Monday first) of the week holding `day`. */
export function weekDays(day: string): string[] {
  const monday = weekStart(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function memberName(m: Pick<StaffMember, 'given_name' | 'family_name'>): string {
  return `${m.family_name}, ${m.given_name}`;
}

// A shift and coverage's entry for it are matched by member and start instant (strings may differ in format).
const shiftKey = (staffId: string, start: string) => `${staffId}|${new Date(start).getTime()}`;

/** Shifts that approved time off overlaps, as coverage reports them day by day. */
export function awayShifts(coverages: Coverage[]): Set<string> {
  const away = new Set<string>();
  for (const c of coverages) for (const s of c.on_shift) if (s.on_time_off) away.add(shiftKey(s.staff_id, s.start));
  return away;
}

/**
 * Every member who may work at the location, by role then name (those without a shift this week too: the manager
 * sees who is free), and anyone else holding a shift here; a shift sits on the local day it starts.
 */
export function rosterGrid(
  members: StaffMember[],
  shifts: Shift[],
  days: string[],
  timeZone: string,
  away: Set<string> = new Set(),
): RosterRow[] {
  const rows = new Map<string, RosterRow>();
  const row = (staffId: string, name: string, role: string) => {
    let r = rows.get(staffId);
    if (!r) rows.set(staffId, (r = { staffId, name, role, days: days.map(() => []), shifts: 0 }));
    return r;
  };
  for (const m of members) if (!m.terminated_on) row(m.id, memberName(m), m.role);
  for (const s of [...shifts].sort((a, b) => a.start.localeCompare(b.start))) {
    const start = wallTime(s.start, timeZone);
    const end = wallTime(s.end, timeZone);
    const column = days.indexOf(start.day);
    if (column < 0) continue;
    const known = members.find((m) => m.id === s.staff_id);
    const r = row(s.staff_id, known ? memberName(known) : `Member ${s.staff_id.slice(0, 8)}`, known?.role ?? 'unknown');
    r.days[column].push({
      id: s.id,
      from: clock(start.minutes),
      to: clock(end.minutes),
      overnight: end.day !== start.day,
      status: s.status,
      away: away.has(shiftKey(s.staff_id, s.start)),
    });
    if (s.status === 'scheduled') r.shifts += 1;
  }
  return [...rows.values()].sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name));
}

/** The week's coverage gaps, day by day then by start, in the location's wall-clock time. */
export function weekGaps(coverages: Coverage[], timeZone: string): CoverageGapRow[] {
  return coverages
    .flatMap((c) =>
      c.gaps.map((g) => ({
        day: c.day,
        role: g.role,
        required: g.required,
        scheduled: g.scheduled,
        from: clock(wallTime(g.start, timeZone).minutes),
        to: clock(wallTime(g.end, timeZone).minutes),
      })),
    )
    .sort((a, b) => a.day.localeCompare(b.day) || a.from.localeCompare(b.from) || a.role.localeCompare(b.role));
}

/** A role as people say it: "medical_assistant" → "Medical assistant". */
export function roleLabel(role: string): string {
  const words = role.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

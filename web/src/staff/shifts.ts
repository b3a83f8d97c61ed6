// Making shifts and roster templates: a shift's local times checked before sending, and a week's shifts turned into a
// template's entries, all in the location's wall clock (the server reads both as local times at the location).
import type { Schemas } from '../api/client';
import { addDays, clock, wallTime } from '../schedule/time';
import type { Shift } from './week';

export type RosterEntry = Schemas['StaffRosterEntry'];
export type RosterTemplate = Schemas['StaffRosterTemplateOut'];
export type ShiftDraft = { staffId: string; day: string; start: string; end: string };
export type ShiftTimes = { start: string; end: string };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** What stops a draft shift from being sent, as the manager would fix it; null when it can go. */
export function shiftProblem(draft: ShiftDraft): string | null {
  if (!draft.staffId) return 'Choose who works the shift.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day)) return 'Choose the day of the shift.';
  if (!HH_MM.test(draft.start)) return 'Give the start as HH:MM.';
  if (!HH_MM.test(draft.end)) return 'Give the end as HH:MM.';
  if (draft.start === draft.end) return 'The shift ends when it starts: give it a length.';
  return null;
}

/**
 * The shift's start and end as local date-times at the location, no offset (the server places them in its zone).
 * An end at or before the start is the next morning, as in roster templates: a night shift 22:00–06:00.
 */
export function shiftTimes({ day, start, end }: ShiftDraft): ShiftTimes {
  const endDay = minutesOf(end) <= minutesOf(start) ? addDays(day, 1) : day;
  return { start: `${day}T${start}:00`, end: `${endDay}T${end}:00` };
}

/** Monday 0 … Sunday 6, the server's weekday numbering for template entries. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * The week's scheduled shifts as template entries: each on the weekday it starts, with its local start and end
 * (an end on the next day comes out at or before the start, which is how a template says "overnight").
 * Cancelled shifts and shifts starting outside `days` are left out; entries are sorted so a template reads in order.
 */
export function templateEntries(shifts: Shift[], days: string[], timeZone: string): RosterEntry[] {
  const shown = new Set(days);
  return shifts
    .filter((s) => s.status === 'scheduled')
    .map((s) => ({ s, start: wallTime(s.start, timeZone), end: wallTime(s.end, timeZone) }))
    .filter(({ start }) => shown.has(start.day))
    .map(({ s, start, end }) => ({
      staff_id: s.staff_id,
      weekday: weekdayOf(start.day),
      start: clock(start.minutes),
      end: clock(end.minutes),
    }))
    .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start) || a.staff_id.localeCompare(b.staff_id));
}

/** How a shift reads in a sentence or a button's name: "Tue, Mar 11 08:00–18:00" (with "(+1)" past midnight). */
export function shiftWhen(dayLabel: string, from: string, to: string, overnight: boolean): string {
  return `${dayLabel} ${from}–${to}${overnight ? ' (+1)' : ''}`;
}

/** The local days a fill covers: `weeks` whole weeks from the Monday shown (a generation spans at most 92 days). */
export const MAX_FILL_WEEKS = 13;
export function fillSpan(monday: string, weeks: number): { firstDay: string; lastDay: string } {
  const whole = Math.min(Math.max(Math.trunc(weeks), 1), MAX_FILL_WEEKS);
  return { firstDay: monday, lastDay: addDays(monday, whole * 7 - 1) };
}

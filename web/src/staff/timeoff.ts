// Time-off requests as the manager's list shows them: their period in local time, their state, soonest first.
import type { Schemas } from '../api/client';
import { clock, dayLabel, wallTime } from '../schedule/time';

export type TimeOff = Schemas['StaffTimeOffOut'];

/** "Tue, Mar 11 09:00 – Wed, Mar 12 17:00" in the location's wall-clock time (one day named once). */
export function periodLabel(t: Pick<TimeOff, 'start' | 'end'>, timeZone: string): string {
  const start = wallTime(t.start, timeZone);
  const end = wallTime(t.end, timeZone);
  const from = `${dayLabel(start.day)} ${clock(start.minutes)}`;
  return end.day === start.day ? `${from}–${clock(end.minutes)}` : `${from} – ${dayLabel(end.day)} ${clock(end.minutes)}`;
}

const LABELS: Record<string, string> = { approved: 'Approved', denied: 'Denied', requested: 'Pending', withdrawn: 'Withdrawn' };

export function decisionLabel(t: { status: string }): string {
  return LABELS[t.status] ?? t.status;
}

/** Hours away, for the manager weighing a request (a day of 8 h and a week of 40 read at a glance). */
export function hoursAway(t: Pick<TimeOff, 'start' | 'end'>): number {
  return Math.round((Date.parse(t.end) - Date.parse(t.start)) / 36e5 * 10) / 10;
}

// A time-off decision as the manager types it and as the screen reports it back.
import type { Schemas } from '../api/client';
import { clock, dayLabel, wallTime } from '../schedule/time';

export type TimeOff = Schemas['StaffTimeOffOut'];

// Requests are identified by the staff service's UUIDs; anything else is a typing slip, caught before a round trip.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requestIdProblem(id: string): string | null {
  const trimmed = id.trim();
  if (!trimmed) return 'Enter the request’s reference.';
  return UUID.test(trimmed) ? null : 'A request’s reference looks like 8-4-4-4-12 hexadecimal characters.';
}

/** "Tue, Mar 11 09:00 – Wed, Mar 12 17:00" in the location's wall-clock time (one day named once). */
export function periodLabel(t: Pick<TimeOff, 'start' | 'end'>, timeZone: string): string {
  const start = wallTime(t.start, timeZone);
  const end = wallTime(t.end, timeZone);
  const from = `${dayLabel(start.day)} ${clock(start.minutes)}`;
  return end.day === start.day ? `${from}–${clock(end.minutes)}` : `${from} – ${dayLabel(end.day)} ${clock(end.minutes)}`;
}

export function decisionLabel(t: Pick<TimeOff, 'status'>): string {
  return { approved: 'Approved', denied: 'Denied', requested: 'Pending', withdrawn: 'Withdrawn' }[t.status] ?? t.status;
}

// A recurring series as the booking dialog asks for it, checked here so the form can say what is wrong before sending.
import type { Schemas } from '../api/client';

export type Repeat = {
  every: number | string; // NumberInput gives '' while the field is empty
  unit: 'day' | 'week';
  ends: 'count' | 'until';
  count: number | string;
  until: string; // YYYY-MM-DD, '' until chosen
};

export const NO_REPEAT: Repeat = { every: 1, unit: 'week', ends: 'count', count: 6, until: '' };

// The scheduling service's bounds (series/schemas.py): every 1-52 units, 2-52 occurrences.
export const EVERY = { min: 1, max: 52 };
export const COUNT = { min: 2, max: 52 };

const within = (n: number | string, { min, max }: { min: number; max: number }) =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** What to fix in the form before a series can be sent, or null when it can be. */
export function repeatProblem(repeat: Repeat, firstDay: string): string | null {
  if (!within(repeat.every, EVERY)) return `Repeat every ${EVERY.min} to ${EVERY.max} ${repeat.unit}s.`;
  if (repeat.ends === 'count')
    return within(repeat.count, COUNT) ? null : `A series holds ${COUNT.min} to ${COUNT.max} appointments.`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(repeat.until)) return 'Choose the last day of the series.';
  // ISO dates compare as strings.
  return repeat.until > firstDay ? null : `The last day must be after the first appointment, on ${firstDay}.`;
}

/** The series to book (the booking plus exactly one of `count` and `until`), or what to fix in the form. */
export function seriesBody(
  booking: Schemas['SchedulingAppointmentIn'],
  firstDay: string,
  repeat: Repeat,
): { body: Schemas['SchedulingSeriesIn'] } | { problem: string } {
  const problem = repeatProblem(repeat, firstDay);
  if (problem) return { problem };
  const every = repeat.every as number;
  return repeat.ends === 'count'
    ? { body: { ...booking, every, unit: repeat.unit, count: repeat.count as number } }
    : { body: { ...booking, every, unit: repeat.unit, until: repeat.until } };
}

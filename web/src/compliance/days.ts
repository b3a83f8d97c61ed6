// Whole days between local dates (YYYY-MM-DD): deadlines and due dates are days at a location, not instants.

/** `to` minus `from` in days; noon UTC on each side keeps a DST change from shaving off an hour. */
export function daysBetween(from: string, to: string): number {
  const at = (day: string) => Date.parse(`${day}T12:00:00Z`);
  return Math.round((at(to) - at(from)) / 86_400_000);
}

/** "in 3 days", "today", "2 days ago": how far a due day is from today. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  const n = Math.abs(days);
  const unit = n === 1 ? 'day' : 'days';
  return days > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

// Wall-clock times at a location (its IANA timezone), whatever the browser's own zone is.

export type WallTime = { day: string; minutes: number }; // day YYYY-MM-DD, minutes since local midnight

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and a week's grid
// asks for thousands of wall times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function parts(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

// Wall times already worked out, by zone and instant: a schedule asks for the same ones on every render.
const known = new Map<string, WallTime>();
const KNOWN_AT_MOST = 50_000;

/** The location's date and minute of the day at an instant. */
export function wallTime(iso: string | Date, timeZone: string): WallTime {
  const key = typeof iso === 'string' ? `${timeZone} ${iso}` : null;
  const cached = key ? known.get(key) : undefined;
  if (cached) return cached;
  const p = parts(typeof iso === 'string' ? new Date(iso) : iso, timeZone);
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  const wall = Object.freeze({ day, minutes: p.hour * 60 + p.minute });
  if (key) {
    if (known.size >= KNOWN_AT_MOST) known.clear();
    known.set(key, wall);
  }
  return wall;
}

/** The instant (UTC ISO, no milliseconds) of a wall-clock time at the location. */
export function instantOf(day: string, minutes: number, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += asUtc - shown;
  }
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}

/** Today's date at the location. */
export function today(timeZone: string, now = new Date()): string {
  return wallTime(now, timeZone).day;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Monday of the week holding `day`. */
export function weekStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
}

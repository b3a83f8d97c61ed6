// The dashboard's numbers shaped for @mantine/charts: bars per status, a week's visits, waits, tasks per role.
import type { Appointment, Schemas } from '../api/client';
import { bucketsOf, type AgingReport } from '../billing/reports';
import { cents, dollars } from '../billing/money';
import { STATUS_LABELS } from '../schedule/layout';
import { dayLabel } from '../schedule/time';
import { roleLabel, roleLabel as spoken } from '../staff/week';

export type DaySheet = Schemas['SchedulingDaySheetOut'];
export type TaskCount = Schemas['InboxCountOut'];
export type ClaimRow = Schemas['BillingAttentionOut'];
export type DenialReport = Schemas['BillingDenialReport'];

// The appointment life cycle's order, so the bars read as the day goes; an unknown status goes last.
const STATUS_ORDER = ['booked', 'arrived', 'fulfilled', 'noshow', 'cancelled', 'entered-in-error'];

const byOrder = (order: string[]) => (a: string, b: string) =>
  (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1) || a.localeCompare(b);

/** One bar per appointment status present today, in life-cycle order. */
export function statusBars(byStatus: Record<string, number>): { status: string; count: number }[] {
  return Object.keys(byStatus)
    .filter((s) => byStatus[s] > 0)
    .sort(byOrder(STATUS_ORDER))
    .map((s) => ({ status: STATUS_LABELS[s] ?? s, count: byStatus[s] }));
}

const appointmentsOf = (sheet: DaySheet): Appointment[] => Object.values(sheet.by_provider).flat();

export type TrendPoint = { day: string; visits: number | null; seen: number | null; noShows: number | null };

/**
 * Per day: visits booked (cancelled and entered in error left out), seen (fulfilled) and no-shows. A day whose
 * sheet did not answer is null, so the line breaks there instead of dropping to zero.
 */
export function visitTrend(days: string[], sheets: (DaySheet | null)[]): TrendPoint[] {
  return days.map((day, i) => {
    const sheet = sheets[i];
    if (!sheet) return { day: dayLabel(day), visits: null, seen: null, noShows: null };
    const all = appointmentsOf(sheet).filter((a) => a.status !== 'cancelled' && a.status !== 'entered-in-error');
    return {
      day: dayLabel(day),
      visits: all.length,
      seen: all.filter((a) => a.status === 'fulfilled').length,
      noShows: all.filter((a) => a.status === 'noshow').length,
    };
  });
}

export type Waits = { waiting: number; longestMinutes: number | null; medianVisitMinutes: number | null; seen: number };

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

/**
 * Who is waiting now (arrived, not yet seen) and the longest wait: since the arrival when the live stream told this
 * screen of it, else past the booked start (the day sheet carries no arrival time); and the median from booked start
 * to completion of the visits done today.
 */
export function waitsOf(sheet: DaySheet, now: number, arrivedAt: (id: string) => string | undefined = () => undefined): Waits {
  const all = appointmentsOf(sheet);
  const minutesSince = (iso: string, until: number) => Math.max(0, Math.round((until - Date.parse(iso)) / 60_000));
  const waiting = all.filter((a) => a.status === 'arrived');
  const done = all.filter((a) => a.status === 'fulfilled' && a.completed_at);
  return {
    waiting: waiting.length,
    longestMinutes: waiting.length ? Math.max(...waiting.map((a) => minutesSince(arrivedAt(a.id) ?? a.start, now))) : null,
    medianVisitMinutes: median(done.map((a) => minutesSince(a.start, Date.parse(a.completed_at!)))),
    seen: done.length,
  };
}

/** Claims per state, most first (the worklist's every claim at the location). */
export function claimsByState(claims: ClaimRow[]): { state: string; claims: number }[] {
  const counts = new Map<string, number>();
  for (const c of claims) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return [...counts.entries()]
    .map(([state, n]) => ({ state: spoken(state), claims: n }))
    .sort((a, b) => b.claims - a.claims || a.state.localeCompare(b.state));
}

/** The denial reasons (CARC) of the period, most denied first, at most `top` of them; amounts in dollars. */
export function denialBars(report: DenialReport, top = 8): { carc: string; denials: number; amount: number }[] {
  return [...report.by_carc]
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, top)
    .map((r) => ({ carc: `CARC ${r.key}`, denials: r.count, amount: dollars(cents(r.amount)) }));
}

/** What is owed at the location by age bucket, in dollars for the chart, with the total in cents. */
export function agingTotals(report: AgingReport): { bars: { bucket: string; owed: number }[]; totalCents: number } {
  return {
    bars: bucketsOf(report).map((b) => ({ bucket: `${b} days`, owed: dollars(cents(report.total.buckets[b] ?? '0')) })),
    totalCents: cents(report.total.total),
  };
}

// `pool`, not `role`: recharts copies a row's fields onto its SVG bars, and role= there is an ARIA role.
export type RoleTasks = { pool: string; open: number; overdue: number; escalated: number };

/** The location's open tasks per role pool, busiest first; other locations' counts are left out. */
export function tasksByRole(counts: TaskCount[], locationId: string): { rows: RoleTasks[]; open: number; overdue: number } {
  const rows = counts
    .filter((c) => c.location_id === locationId && c.open > 0)
    .map((c) => ({ pool: roleLabel(c.role), open: c.open, overdue: c.overdue, escalated: c.escalated }))
    .sort((a, b) => b.open - a.open || a.pool.localeCompare(b.pool));
  return { rows, open: rows.reduce((n, r) => n + r.open, 0), overdue: rows.reduce((n, r) => n + r.overdue, 0) };
}

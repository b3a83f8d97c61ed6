// The reports' numbers shaped for charts and tables: aging buckets by payer, collections by month, budget months.
import type { Schemas } from '../api/client';
import { cents, dollars } from './money';

export type AgingReport = Schemas['BillingAgingReport'];
export type MoneyRow = Schemas['BillingMoneyRow'];

// The service's buckets (days since the date of service), oldest last; a report may add one, shown after these.
export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '120+'];

export function bucketsOf(report: AgingReport): string[] {
  const extra = Object.keys(report.total.buckets).filter((b) => !AGING_BUCKETS.includes(b));
  return [...AGING_BUCKETS, ...extra];
}

export type AgingBar = { payer: string; totalCents: number } & Record<string, number | string>;

/** One bar per payer (largest balance first), one stacked segment per bucket, in dollars for the chart. */
export function agingBars(report: AgingReport): AgingBar[] {
  const buckets = bucketsOf(report);
  return report.by_payer
    .map((row) => {
      const bar: AgingBar = { payer: row.name || row.key, totalCents: cents(row.total) };
      for (const b of buckets) bar[b] = dollars(cents(row.buckets[b] ?? '0'));
      return bar;
    })
    .sort((a, b) => b.totalCents - a.totalCents || a.payer.localeCompare(b.payer));
}

export type MonthTotals = { month: string; revenue: number; payer: number; patient: number; collections: number };

/** Revenue and collections per month in cents, summed over the location's providers, months in order. */
export function collectionsByMonth(rows: MoneyRow[]): MonthTotals[] {
  const months = new Map<string, MonthTotals>();
  for (const r of rows) {
    const m = months.get(r.month) ?? { month: r.month, revenue: 0, payer: 0, patient: 0, collections: 0 };
    m.revenue += cents(r.revenue);
    m.payer += cents(r.payer_collections);
    m.patient += cents(r.patient_collections);
    m.collections += cents(r.collections);
    months.set(r.month, m);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** The month `n` months before (negative) or after a YYYY-MM or YYYY-MM-DD day, as YYYY-MM. */
export function shiftMonth(day: string, n: number): string {
  const [y, m] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and last day of the last `count` months up to the one holding `today` (for collections). */
export function lastMonths(today: string, count: number): { start: string; end: string; startMonth: string; endMonth: string } {
  const startMonth = shiftMonth(today, -(count - 1));
  return { start: `${startMonth}-01`, end: today, startMonth, endMonth: shiftMonth(today, 0) };
}

export type BudgetLine = Schemas['BillingBudgetLineOut'];
export type BudgetRow = { month: string; category: string; budget: number; actual: number; variance: number; over: boolean };

/** Budget lines in cents, month then category; a line is over when actual spending passed its budget. */
export function budgetRows(lines: BudgetLine[]): BudgetRow[] {
  return lines
    .map((l) => {
      const budget = cents(l.budget);
      const actual = cents(l.actual);
      return { month: l.month, category: l.category, budget, actual, variance: cents(l.variance), over: actual > budget };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category));
}

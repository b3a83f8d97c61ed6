import { describe, expect, it } from 'vitest';
import type { Appointment } from '../api/client';
import { agingTotals, claimsByState, denialBars, statusBars, tasksByRole, visitTrend, waitsOf, type DaySheet } from './charts';

const visit = (id: string, status: string, start: string, completed_at: string | null = null) =>
  ({ id, status, start, end: start, completed_at, location_id: 'loc-a', patient_id: 'p', provider_id: 'd', needs_reschedule: false }) as Appointment;
const sheet = (date: string, appointments: Appointment[]): DaySheet => ({
  date, location_id: 'loc-a', timezone: 'UTC', by_provider: { d: appointments }, waitlist_offers: [], worklist: [],
});

it('orders status bars by the life cycle and leaves out empty ones', () => {
  expect(statusBars({ noshow: 1, weird: 2, booked: 3, arrived: 0 })).toEqual([
    { status: 'Booked', count: 3 },
    { status: 'No-show', count: 1 },
    { status: 'weird', count: 2 },
  ]);
});

describe('visitTrend', () => {
  it('counts visits, seen and no-shows per day; a day that did not answer is null, not zero', () => {
    const monday = sheet('2031-03-10', [
      visit('a', 'fulfilled', '2031-03-10T09:00:00Z'),
      visit('b', 'noshow', '2031-03-10T10:00:00Z'),
      visit('c', 'cancelled', '2031-03-10T11:00:00Z'),
      visit('d', 'booked', '2031-03-10T12:00:00Z'),
    ]);
    expect(visitTrend(['2031-03-10', '2031-03-11'], [monday, null])).toEqual([
      { day: 'Mon, Mar 10', visits: 3, seen: 1, noShows: 1 },
      { day: 'Tue, Mar 11', visits: null, seen: null, noShows: null },
    ]);
  });
});

describe('waitsOf', () => {
  it('measures the longest wait past the booked start and the median visit to completion', () => {
    const now = Date.parse('2031-03-10T10:30:00Z');
    const day = sheet('2031-03-10', [
      visit('a', 'arrived', '2031-03-10T10:00:00Z'),
      visit('b', 'arrived', '2031-03-10T10:45:00Z'), // early: waits from its start, so 0 for now
      visit('c', 'fulfilled', '2031-03-10T08:00:00Z', '2031-03-10T08:20:00Z'),
      visit('d', 'fulfilled', '2031-03-10T09:00:00Z', '2031-03-10T09:40:00Z'),
    ]);
    expect(waitsOf(day, now)).toEqual({ waiting: 2, longestMinutes: 30, medianVisitMinutes: 30, seen: 2 });
    expect(waitsOf(day, now, (id) => (id === 'b' ? '2031-03-10T09:50:00Z' : undefined)).longestMinutes).toBe(40);
    expect(waitsOf(sheet('2031-03-10', []), now)).toEqual({ waiting: 0, longestMinutes: null, medianVisitMinutes: null, seen: 0 });
  });
});

it('counts claims per state, most first', () => {
  const claim = (status: string) => ({ claim_id: status, patient_id: 'p', reason: '', status, total: '1.00' });
  expect(claimsByState([claim('ready'), claim('denied'), claim('denied'), claim('partially_paid')])).toEqual([
    { state: 'Denied', claims: 2 },
    { state: 'Partially paid', claims: 1 },
    { state: 'Ready', claims: 1 },
  ]);
});

it('ranks denial reasons by count, amounts in dollars', () => {
  const report = { start: '2031-02-01', end: '2031-03-01', by_payer: [], by_provider: [], by_carc: [
    { key: '16', count: 1, amount: '50.00' },
    { key: '197', count: 3, amount: '412.50' },
  ] };
  expect(denialBars(report, 1)).toEqual([{ carc: 'CARC 197', denials: 3, amount: 412.5 }]);
});

it('totals A/R by bucket in the service’s order', () => {
  const row = { key: 'all', name: null, total: '300.00', buckets: { '0-30': '100.00', '120+': '200.00' } };
  const aging = agingTotals({ as_of: null, as_of_by_location: {}, basis: 'service', by_location: [], by_payer: [], total: row });
  expect(aging.totalCents).toBe(30000);
  expect(aging.bars.map((b) => `${b.bucket}=${b.owed}`)).toEqual(['0-30 days=100', '31-60 days=0', '61-90 days=0', '91-120 days=0', '120+ days=200']);
});

it('keeps only the location’s open pools, busiest first', () => {
  const counts = [
    { location_id: 'loc-a', role: 'front_desk', open: 2, overdue: 1, escalated: 0 },
    { location_id: 'loc-a', role: 'biller', open: 5, overdue: 0, escalated: 0 },
    { location_id: 'loc-a', role: 'clinician', open: 0, overdue: 0, escalated: 0 },
    { location_id: 'loc-b', role: 'biller', open: 9, overdue: 9, escalated: 9 },
  ];
  expect(tasksByRole(counts, 'loc-a')).toEqual({
    rows: [
      { pool: 'Biller', open: 5, overdue: 0, escalated: 0 },
      { pool: 'Front desk', open: 2, overdue: 1, escalated: 0 },
    ],
    open: 7,
    overdue: 1,
  });
});

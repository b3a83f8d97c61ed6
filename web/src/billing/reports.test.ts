import { expect, test } from 'vitest';
import { agingBars, budgetRows, collectionsByMonth, lastMonths, shiftMonth, type AgingReport } from './reports';

const row = (key: string, name: string | null, buckets: Record<string, string>, total: string) => ({ key, name, buckets, total });

test('aging becomes one stacked bar per payer, largest balance first, in dollars', () => {
  const report: AgingReport = {
    as_of: null,
    as_of_by_location: {},
    basis: 'date_of_service',
    by_payer: [
      row('p1', 'Acme Health', { '0-30': '175.50', '31-60': '0.00', '61-90': '0', '91-120': '0', '120+': '0' }, '175.50'),
      row('p2', null, { '0-30': '0', '31-60': '0', '61-90': '0', '91-120': '0', '120+': '300.00' }, '300.00'),
    ],
    by_location: [],
    total: row('all', null, { '0-30': '175.50', '31-60': '0', '61-90': '0', '91-120': '0', '120+': '300.00' }, '475.50'),
  };
  const bars = agingBars(report);
  expect(bars.map((b) => b.payer)).toEqual(['p2', 'Acme Health']);
  expect(bars[1]['0-30']).toBe(175.5);
  expect(bars[0]['120+']).toBe(300);
  expect(bars[1].totalCents).toBe(17550);
});

test('collections sum over providers per month, in month order', () => {
  const money = (month: string, provider_id: string, revenue: string, payer: string, patient: string) => ({
    month,
    location_id: 'loc-a',
    provider_id,
    revenue,
    payer_collections: payer,
    patient_collections: patient,
    collections: String((Number(payer) * 100 + Number(patient) * 100) / 100),
  });
  const months = collectionsByMonth([
    money('2031-02', 'a', '100.10', '80.00', '20.00'),
    money('2031-01', 'a', '50.00', '0', '10.00'),
    money('2031-02', 'b', '0.20', '0.10', '0'),
  ]);
  expect(months.map((m) => m.month)).toEqual(['2031-01', '2031-02']);
  expect(months[1]).toMatchObject({ revenue: 10030, payer: 8010, patient: 2000, collections: 10010 });
});

test('month arithmetic crosses years', () => {
  expect(shiftMonth('2031-01-15', -1)).toBe('2030-12');
  expect(shiftMonth('2031-12', 1)).toBe('2032-01');
  expect(lastMonths('2031-03-09', 6)).toEqual({ start: '2030-10-01', end: '2031-03-09', startMonth: '2030-10', endMonth: '2031-03' });
});

test('budget lines are flagged when spending passed the budget', () => {
  const rows = budgetRows([
    { month: '2031-02', category: 'supplies', budget: '100.00', actual: '120.50', variance: '-20.50' },
    { month: '2031-01', category: 'rent', budget: '2000.00', actual: '2000.00', variance: '0.00' },
  ]);
  expect(rows.map((r) => [r.month, r.over])).toEqual([
    ['2031-01', false],
    ['2031-02', true],
  ]);
  expect(rows[1].variance).toBe(-2050);
});

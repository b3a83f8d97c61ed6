import { expect, test } from 'vitest';
import { byStatus, carcOf, reasonParts, worklistColumns, type WorkRow } from './worklist';

const row = (claim_id: string, status: string, total: string, reason = status): WorkRow => ({
  claim_id,
  status,
  total,
  reason,
  patient_id: 'p-' + claim_id,
});

test('claims group by status, work first, each group counted and totalled to the cent', () => {
  const groups = byStatus([
    row('a', 'paid', '90.00'),
    row('b', 'draft', '0.10'),
    row('c', 'denied', '175.50'),
    row('d', 'draft', '0.20'),
    row('e', 'something_new', '1.00'),
  ]);
  expect(groups.map((g) => g.status)).toEqual(['draft', 'denied', 'paid', 'something_new']);
  expect(groups[0].rows.map((r) => r.claim_id)).toEqual(['b', 'd']);
  expect(groups[0].totalCents).toBe(30);
  expect(groups[0].label).toBe('Held by the scrubber');
  expect(groups[3].label).toBe('something_new');
});

test('a biller sees the patient by id, an office manager by name', () => {
  expect(worklistColumns(['biller']).patientByName).toBe(false);
  expect(worklistColumns(['office_manager']).patientByName).toBe(true);
  expect(worklistColumns(['biller']).columns).toContain('reason');
});

test('the reason splits into the scrubber rules and the denial code', () => {
  expect(reasonParts('npi: provider.npi; charge_amount: lines[1].charge_amount')).toEqual([
    'npi: provider.npi',
    'charge_amount: lines[1].charge_amount',
  ]);
  expect(carcOf('denied (CARC 50); underpaid by 5.00')).toBe('50');
  expect(carcOf('rejected')).toBeNull();
});

import { expect, test } from 'vitest';
import { mayReadPatients, patientSections } from './access';

test('the front desk works with demographics and sees the balance, not the ledger', () => {
  const desk = patientSections(['front_desk']);
  expect(desk.search && desk.register && desk.edit && desk.appointments && desk.balance).toBe(true);
  expect(desk.coverage || desk.payments || desk.statement || desk.claims).toBe(false);
  expect(desk.merge).toBe(false); // scheduling leaves merges to a manager
});

test('a clinician reads the record but not the money', () => {
  const clinician = patientSections(['clinician']);
  expect(clinician.demographics && clinician.appointments).toBe(true);
  expect(clinician.balance || clinician.coverage || clinician.payments).toBe(false);
});

test('a biller sees the money but may not search or read demographics (scheduling refuses it)', () => {
  const biller = patientSections(['biller']);
  expect(biller.coverage && biller.balance && biller.statement && biller.payments).toBe(true);
  expect(biller.search || biller.demographics || biller.appointments).toBe(false);
  expect(mayReadPatients(['biller'])).toBe(false);
});

test('an office manager and a practice admin see everything', () => {
  for (const roles of [['office_manager'], ['practice_admin']])
    expect(Object.values(patientSections(roles)).every(Boolean)).toBe(true);
});

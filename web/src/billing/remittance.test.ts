import { expect, test } from 'vitest';
import { ApiFailure, type ApiError } from '../api/client';
import { fileRefusal, remittanceOutcome, type Remittance } from './remittance';

test('an import lists what posted and what was refused, with the reason', () => {
  const r: Remittance = {
    remittance_id: 'r1',
    already_imported: false,
    trace_number: 'EFT-1',
    payer_identifier: 'ACME01',
    payment_amount: '150.50',
    posted: [
      {
        patient_control_number: 'LOCA-000001',
        claim_id: 'c1',
        status: 'paid',
        paid_amount: '150.50',
        patient_responsibility: '0.00',
        adjustments: [{ group_code: 'CO', carc: '45', amount: '25.00' }],
      },
      {
        patient_control_number: 'LOCA-000002',
        claim_id: 'c2',
        status: 'denied',
        paid_amount: '0',
        patient_responsibility: '0',
        adjustments: [],
        problem: 'claim is paid: it takes no further remittance',
      },
    ],
    unmatched: [
      { patient_control_number: 'not-ours', claim_id: null, status: null, paid_amount: '10', patient_responsibility: '0', adjustments: [] },
    ],
  };
  const { posted, refused, paidCents } = remittanceOutcome(r);
  expect(paidCents).toBe(15050);
  expect(posted.map((o) => [o.controlNumber, o.status, o.paidCents, o.adjustments])).toEqual([
    ['LOCA-000001', 'paid', 15050, ['CO-45 25.00']],
  ]);
  expect(refused.map((o) => o.controlNumber)).toEqual(['LOCA-000002', 'not-ours']);
  expect(refused[1].problem).toMatch(/not one of our claims/);
});

test('a refused file names segment, position and rule of each problem', () => {
  const body = {
    message: 'the 835 is refused whole, nothing was posted: BPR at segment 4: ...',
    errors: [{ segment: 'BPR', position: 4, rule: 'BPR02 = sum of CLP04 - PLB', message: 'BPR02 is 10.00, the claims paid 12.00' }],
  } as unknown as ApiError;
  const refusal = fileRefusal(new ApiFailure(422, body));
  expect(refusal?.problems).toEqual(['BPR at segment 4: BPR02 is 10.00, the claims paid 12.00 (rule: BPR02 = sum of CLP04 - PLB)']);
  expect(fileRefusal(new ApiFailure(403, undefined))).toBeNull();
});

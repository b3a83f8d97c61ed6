// What an 835 import did, said plainly: the claims it posted, and what it refused and why.
import { ApiFailure, type Schemas } from '../api/client';
import { cents } from './money';

export type Remittance = Schemas['BillingRemittanceOut'];
export type Posted = Schemas['BillingPostedClaimOut'];

export type Outcome = {
  controlNumber: string;
  claimId: string | null;
  status: string | null;
  paidCents: number;
  patientCents: number;
  adjustments: string[]; // "CO-45 $75.50"
  problem: string | null;
};

const adjustment = (a: Schemas['BillingAdjustmentOut']) => `${a.group_code}-${a.carc} ${a.amount}`;

function outcome(p: Posted, refused: boolean): Outcome {
  return {
    controlNumber: p.patient_control_number,
    claimId: p.claim_id ?? null,
    status: p.status ?? null,
    paidCents: cents(p.paid_amount),
    patientCents: cents(p.patient_responsibility),
    adjustments: p.adjustments.map(adjustment),
    problem: p.problem ?? (refused ? 'not one of our claims (no claim has this patient control number)' : null),
  };
}

/** Posted claims and refused ones (unmatched, or posted with a problem), each with its reason. */
export function remittanceOutcome(r: Remittance): { posted: Outcome[]; refused: Outcome[]; paidCents: number } {
  const all = [...r.posted.map((p) => outcome(p, false)), ...r.unmatched.map((p) => outcome(p, true))];
  return {
    posted: all.filter((o) => o.claimId && !o.problem),
    refused: all.filter((o) => !o.claimId || o.problem),
    paidCents: cents(r.payment_amount),
  };
}

type Problem = { segment?: string; position?: number; rule?: string; message?: string };

/** A refused file (422): the service's message and each problem as segment, position, rule and values. */
export function fileRefusal(error: unknown): { message: string; problems: string[] } | null {
  if (!(error instanceof ApiFailure) || error.status !== 422) return null;
  const body = (error.body ?? {}) as { message?: string; errors?: Problem[] };
  const problems = (body.errors ?? []).map((p) =>
    p.segment ? `${p.segment} at segment ${p.position}: ${p.message} (rule: ${p.rule})` : JSON.stringify(p),
  );
  return { message: body.message ?? 'The 835 was refused; nothing was posted.', problems };
}

// The claims worklist: claims grouped by status, the ones a person has to act on first, and which columns a role
// sees (a biller may not read scheduling's demographics, so the patient is named by id there).
import type { Schemas } from '../api/client';
import { mayReadPatients } from '../patients/access';
import { cents } from './money';

export type WorkRow = Schemas['BillingAttentionOut'];

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Held by the scrubber',
  rejected: 'Rejected',
  denied: 'Denied',
  resubmitted: 'Resubmitted',
  ready: 'Ready to send',
  submitted: 'Submitted',
  accepted: 'Accepted',
  appealed: 'Appealed',
  partially_paid: 'Partially paid',
  paid: 'Paid',
};
// Work first (the service's "needs attention"), then what waits on the payer, then what is settled.
export const STATUS_ORDER = Object.keys(STATUS_LABELS);
export const NEEDS_ATTENTION = ['draft', 'rejected', 'denied', 'resubmitted'];

export const STATUS_COLOURS: Record<string, string> = {
  draft: 'orange',
  rejected: 'red',
  denied: 'red',
  resubmitted: 'yellow',
  ready: 'blue',
  submitted: 'indigo',
  accepted: 'cyan',
  appealed: 'grape',
  partially_paid: 'teal',
  paid: 'green',
};

export type StatusGroup = { status: string; label: string; rows: WorkRow[]; totalCents: number };

/** Rows by status in worklist order, each group with its count and total; unknown statuses go last. */
export function byStatus(rows: WorkRow[]): StatusGroup[] {
  const known = (s: string) => (STATUS_ORDER.includes(s) ? STATUS_ORDER.indexOf(s) : STATUS_ORDER.length);
  const statuses = [...new Set(rows.map((r) => r.status))].sort((a, b) => known(a) - known(b) || a.localeCompare(b));
  return statuses.map((status) => {
    const of = rows.filter((r) => r.status === status);
    return { status, label: STATUS_LABELS[status] ?? status, rows: of, totalCents: of.reduce((t, r) => t + cents(r.total), 0) };
  });
}

export type Column = 'patient' | 'status' | 'total' | 'reason';

/** The patient column names her for the desk's roles (and office managers); a biller sees her id. */
export function worklistColumns(roles: string[]): { columns: Column[]; patientByName: boolean } {
  return { columns: ['patient', 'status', 'total', 'reason'], patientByName: mayReadPatients(roles) };
}

/** The service's reason split into its parts ("rule: field; denied (CARC 50)") for a list under the row. */
export function reasonParts(reason: string): string[] {
  return reason
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** "denied (CARC 50)" → "50": a denial's claim adjustment reason code, when the reason names one. */
export function carcOf(reason: string): string | null {
  return /CARC (\w+)/.exec(reason)?.[1] ?? null;
}

// A claim's lines as the detail shows them: each ICD-10 pointer resolved to its code.
import type { Schemas } from '../api/client';

export type Claim = Schemas['BillingClaimOut'];
export type ClaimLine = Schemas['BillingClaimLineOut'];

/** "1 E11.9, 2 I10": the line's 1-based pointers into the claim's diagnoses; a dangling pointer says so. */
export function pointedDiagnoses(line: Pick<ClaimLine, 'diagnosis_pointers'>, diagnoses: string[]): string {
  return line.diagnosis_pointers.map((p) => `${p} ${diagnoses[p - 1] ?? '(no such diagnosis)'}`).join(', ');
}

/** The CPT with its modifiers as the 837P's SV101 shows them: 99213-25. */
export const procedure = (line: Pick<ClaimLine, 'cpt' | 'modifiers'>) => [line.cpt, ...line.modifiers].join('-');

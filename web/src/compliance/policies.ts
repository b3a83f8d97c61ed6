// Policies and attestations: the version in force, and who at a location still has to attest.
import type { Schemas } from '../api/client';

export type Policy = Schemas['CompliancePolicyOut'];
export type PolicyVersion = Schemas['CompliancePolicyVersionOut'];

export type AttestationStatus = {
  policy_version_id: string;
  version: number;
  location_id: string;
  attested: { staff_id: string; name: string; attested_on: string }[];
  pending: { staff_id: string; name: string; role: string }[];
};

/** The newest version in effect today (a version published ahead of its date waits), else the newest published. */
export function currentVersion(policy: Policy, today: string): PolicyVersion | undefined {
  const newest = [...(policy.versions ?? [])].sort((a, b) => b.version - a.version);
  return newest.find((v) => v.effective_on <= today) ?? newest[0];
}

/** "3 of 5 attested" and the share, for a progress bar. */
export function attestationProgress(status: AttestationStatus): { label: string; percent: number } {
  const done = status.attested.length;
  const total = done + status.pending.length;
  return { label: `${done} of ${total} attested`, percent: total ? Math.round((done / total) * 100) : 100 };
}

import { describe, expect, it } from 'vitest';
import { attestationProgress, currentVersion, type Policy, type PolicyVersion } from './policies';

const version = (n: number, effective_on: string): PolicyVersion => ({
  id: `v${n}`,
  version: n,
  summary: '',
  document_url: null,
  effective_on,
  scope_roles: [],
  scope_location_ids: [],
  published_by: 'u',
  published_at: '2030-01-01T00:00:00Z',
});

describe('policies', () => {
  const policy: Policy = { id: 'p', code: 'hipaa_privacy', title: 'HIPAA', versions: [version(1, '2030-01-01'), version(2, '2030-06-01')] };
  it('takes the newest version in effect, else the newest', () => {
    expect(currentVersion(policy, '2030-03-01')?.version).toBe(1);
    expect(currentVersion(policy, '2030-06-01')?.version).toBe(2);
    expect(currentVersion(policy, '2029-01-01')?.version).toBe(2);
    expect(currentVersion({ ...policy, versions: [] }, '2030-01-01')).toBeUndefined();
  });
  it('says how many attested', () => {
    const status = {
      policy_version_id: 'v1',
      version: 1,
      location_id: 'loc-a',
      attested: [{ staff_id: 'a', name: 'A', attested_on: '2030-01-02' }],
      pending: [{ staff_id: 'b', name: 'B', role: 'front_desk' }],
    };
    expect(attestationProgress(status)).toEqual({ label: '1 of 2 attested', percent: 50 });
    expect(attestationProgress({ ...status, attested: [], pending: [] }).percent).toBe(100);
  });
});

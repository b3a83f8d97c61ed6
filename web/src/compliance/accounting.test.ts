import { describe, expect, it } from 'vitest';
import { accountingFilename, newestFirst, summarize, type AuditRecord } from './accounting';

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  sequence: 1,
  event_id: 'e',
  service: 'scheduling',
  actor: 'u1',
  actor_roles: ['front_desk'],
  actor_locations: ['loc-a'],
  action: 'read',
  resource: 'Patient',
  resource_id: 'p1',
  patient_id: 'p1',
  location_id: 'loc-a',
  outcome: 'success',
  occurred_at: '2030-01-01T10:00:00Z',
  source_ip: null,
  break_glass: false,
  reason: null,
  recorded_at: '2030-01-01T10:00:01Z',
  hash: 'h',
  ...over,
});

describe('accounting of access', () => {
  it('names the CSV after the patient and the day, safe for any file system', () => {
    expect(accountingFilename('3f2a-11', '2030-05-01')).toBe('access-accounting-3f2a-11-2030-05-01.csv');
    expect(accountingFilename(' a/b\\c:d ', '2030-05-01')).toBe('access-accounting-a-b-c-d-2030-05-01.csv');
    expect(accountingFilename('///', '2030-05-01')).toBe('access-accounting-patient-2030-05-01.csv');
  });
  it('counts accesses, refusals, break-glass and people', () => {
    const rows = [record({}), record({ actor: 'u2', outcome: 'denied' }), record({ break_glass: true })];
    expect(summarize(rows)).toEqual({ total: 3, denied: 1, breakGlass: 1, users: 2 });
  });
  it('reads newest first', () => {
    const rows = [record({ sequence: 1 }), record({ sequence: 2, occurred_at: '2030-01-02T10:00:00Z' })];
    expect(newestFirst(rows).map((r) => r.sequence)).toEqual([2, 1]);
  });
});

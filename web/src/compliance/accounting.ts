// A patient's accounting of access (HIPAA §164.528): the rows shown, and the CSV's file name.
import type { Schemas } from '../api/client';

export type AuditRecord = Schemas['ComplianceAuditRecordOut'];

/** `access-accounting-<patient>-<day>.csv`, with anything a file system dislikes in the id made a dash. */
export function accountingFilename(patientId: string, today: string): string {
  const safe = patientId.trim().replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'patient';
  return `access-accounting-${safe}-${today}.csv`;
}

export type AccountingSummary = { total: number; denied: number; breakGlass: number; users: number };

/** What the officer reads first: how many accesses, refused, break-glass, and by how many people. */
export function summarize(records: AuditRecord[]): AccountingSummary {
  return {
    total: records.length,
    denied: records.filter((r) => r.outcome === 'denied').length,
    breakGlass: records.filter((r) => r.break_glass).length,
    users: new Set(records.map((r) => r.actor)).size,
  };
}

/** Newest first, as the officer reads an accounting. */
export function newestFirst(records: AuditRecord[]): AuditRecord[] {
  return [...records].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at) || b.sequence - a.sequence);
}

// Compliance alerts: what each kind means to an officer, and what may be done with one in its state.
import type { Schemas } from '../api/client';

export type Alert = Schemas['ComplianceAlertSummaryOut'];

export const KIND_LABELS: Record<string, string> = {
  credential_expired: 'Credential expired',
  credential_suspended: 'Credential suspended',
  training_overdue: 'Training overdue',
  break_glass: 'Break-glass access',
  access_outside_locations: 'Access outside the user’s locations',
  unusual_access_volume: 'Unusual access volume',
  breach_notification_overdue: 'Breach notification overdue',
  repeated_denials: 'Repeated denials',
  access_review_overdue: 'Access review overdue',
};

export const SEVERITY_COLOURS: Record<string, string> = { critical: 'red', high: 'red', medium: 'orange', low: 'gray' };

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/_/g, ' ');
}

/** Acknowledge only what nobody has seen yet; resolve anything not resolved. */
export function alertActions(status: string): { acknowledge: boolean; resolve: boolean } {
  return { acknowledge: status === 'open', resolve: status !== 'resolved' };
}

/** The most severe first, then the newest. */
export function bySeverity(alerts: Alert[]): Alert[] {
  const rank = (s: string) => (SEVERITY_ORDER.includes(s) ? SEVERITY_ORDER.indexOf(s) : SEVERITY_ORDER.length);
  return [...alerts].sort((a, b) => rank(a.severity) - rank(b.severity) || b.raised_at.localeCompare(a.raised_at));
}

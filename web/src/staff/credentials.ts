// Credentials grouped by how soon they expire: the staff service's own 90/60/30-day notices, and those expired.
import type { Schemas } from '../api/client';

export type Credential = Schemas['StaffCredentialOut'];
export type Window = 'expired' | '30' | '60' | '90';
export type Expiring = { credential: Credential; member: string; daysLeft: number };
export type WindowGroup = { window: Window; label: string; items: Expiring[] };

// Most urgent first; the thresholds are the daily check's (services/staff/checks/domain.py).
export const WINDOWS: { window: Window; label: string; within: number }[] = [
  { window: 'expired', label: 'Expired', within: -1 },
  { window: '30', label: 'Within 30 days', within: 30 },
  { window: '60', label: 'Within 60 days', within: 60 },
  { window: '90', label: 'Within 90 days', within: 90 },
];

/** Whole days from `today` to `day` (both YYYY-MM-DD), negative when `day` has passed. */
export function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The window a credential falls in, or null when it is not a concern: no expiry, more than 90 days left,
 * replaced by a renewal, or suspended (a different problem, not an expiry). A credential is good through its
 * expiry day, so one expiring today is within 30 days, not expired.
 */
export function windowOf(credential: Credential, today: string): Window | null {
  if (credential.superseded_by || credential.status === 'suspended' || !credential.expires_on) return null;
  const left = daysBetween(today, credential.expires_on);
  if (left < 0 || credential.status === 'expired') return 'expired';
  return WINDOWS.find((w) => w.window !== 'expired' && left <= w.within)?.window ?? null;
}

/** Each window with its credentials, soonest expiry first; empty windows are kept so the screen can say so. */
export function groupByWindow(
  byMember: { member: string; credentials: Credential[] }[],
  today: string,
): WindowGroup[] {
  const groups = WINDOWS.map((w) => ({ window: w.window, label: w.label, items: [] as Expiring[] }));
  for (const { member, credentials } of byMember)
    for (const credential of credentials) {
      const window = windowOf(credential, today);
      if (!window) continue;
      groups
        .find((g) => g.window === window)!
        .items.push({ credential, member, daysLeft: daysBetween(today, credential.expires_on!) });
    }
  for (const g of groups) g.items.sort((a, b) => a.daysLeft - b.daysLeft || a.member.localeCompare(b.member));
  return groups;
}

const KINDS: Record<string, string> = {
  state_license: 'State licence',
  dea: 'DEA registration',
  board_certification: 'Board certification',
  bls: 'BLS/CPR',
  npi: 'NPI',
};

export function kindLabel(credential: Pick<Credential, 'kind' | 'state'>): string {
  const kind = KINDS[credential.kind] ?? credential.kind;
  return credential.state ? `${kind} (${credential.state})` : kind;
}

export function daysLeftLabel(daysLeft: number): string {
  if (daysLeft < 0) return `expired ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
  if (daysLeft === 0) return 'expires today';
  return `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
}

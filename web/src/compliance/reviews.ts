// Access review campaigns: where one stands, and which campaigns the screen knows of (the service lists none).
import type { Schemas } from '../api/client';
import { daysBetween } from './days';

export type Campaign = Schemas['ComplianceCampaignOut'];

export type CampaignState = {
  pending: number;
  confirmed: number;
  revoked: number;
  state: 'complete' | 'overdue' | 'in progress';
};

/** Counts by decision, and complete / overdue (past due with items undecided) / in progress. */
export function campaignState(campaign: Campaign, today: string): CampaignState {
  const count = (d: string) => (campaign.items ?? []).filter((i) => i.decision === d).length;
  const pending = count('pending');
  const state = pending === 0 ? 'complete' : daysBetween(today, campaign.due_on) < 0 ? 'overdue' : 'in progress';
  return { pending, confirmed: count('confirmed'), revoked: count('revoked'), state };
}

const KEY = 'clinicops.access-reviews';

/** The campaign ids this browser started or opened, per location (no route lists campaigns). */
export function rememberedCampaigns(store: Pick<Storage, 'getItem'>, locationId: string): string[] {
  try {
    const all = JSON.parse(store.getItem(KEY) ?? '{}') as Record<string, string[]>;
    return Array.isArray(all[locationId]) ? all[locationId] : [];
  } catch {
    return [];
  }
}

export function rememberCampaign(store: Pick<Storage, 'getItem' | 'setItem'>, locationId: string, campaignId: string) {
  let all: Record<string, string[]> = {};
  try {
    all = JSON.parse(store.getItem(KEY) ?? '{}');
  } catch {
    all = {};
  }
  all[locationId] = mergeIds([campaignId], all[locationId] ?? []);
  store.setItem(KEY, JSON.stringify(all));
}

/** Ids once each, the first list's first, at most `limit`. */
export function mergeIds(first: string[], second: string[], limit = 20): string[] {
  return [...new Set([...first, ...second].filter(Boolean))].slice(0, limit);
}

// Access review campaigns: where one stands, from its items or from the list's counts.
import type { Schemas } from '../api/client';
import { daysBetween } from './days';

export type Campaign = Schemas['ComplianceCampaignOut'];
export type CampaignSummary = Schemas['ComplianceCampaignSummaryOut'];
export type ReviewState = 'complete' | 'overdue' | 'in progress';

export type CampaignState = {
  pending: number;
  confirmed: number;
  revoked: number;
  state: ReviewState;
};

/** Complete when nothing is undecided; overdue when the due day has passed with items undecided. */
export function reviewState(pending: number, dueOn: string, today: string): ReviewState {
  return pending === 0 ? 'complete' : daysBetween(today, dueOn) < 0 ? 'overdue' : 'in progress';
}

/** Counts by decision, and complete / overdue / in progress. */
export function campaignState(campaign: Campaign, today: string): CampaignState {
  const count = (d: string) => (campaign.items ?? []).filter((i) => i.decision === d).length;
  const pending = count('pending');
  return { pending, confirmed: count('confirmed'), revoked: count('revoked'), state: reviewState(pending, campaign.due_on, today) };
}

/** The campaigns an officer must chase first: overdue, then in progress, then complete; latest due first within. */
export function byUrgency(campaigns: CampaignSummary[], today: string): CampaignSummary[] {
  const rank = { overdue: 0, 'in progress': 1, complete: 2 } as const;
  const state = (c: CampaignSummary) => rank[reviewState(c.pending, c.due_on, today)];
  return [...campaigns].sort((a, b) => state(a) - state(b) || b.due_on.localeCompare(a.due_on));
}

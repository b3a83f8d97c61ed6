import { describe, expect, it } from 'vitest';
import { byUrgency, campaignState, reviewState, type Campaign, type CampaignSummary } from './reviews';

const item = (decision: string) => ({
  id: decision,
  manager_id: null,
  staff_id: 's',
  role: 'front_desk',
  location_ids: ['loc-a'],
  decision,
  revoked_roles: [],
  revoked_location_ids: [],
  reason: null,
  decided_by: null,
  decided_at: null,
});
const campaign = (decisions: string[], due_on = '2030-06-30'): Campaign => ({
  id: 'c1',
  name: 'Q2 review',
  location_id: 'loc-a',
  due_on,
  started_by: 'u',
  started_at: '2030-06-01T00:00:00Z',
  items: decisions.map(item),
});
const summary = (id: string, due_on: string, pending: number): CampaignSummary => ({
  id,
  name: id,
  location_id: 'loc-a',
  due_on,
  started_by: 'u',
  started_at: '2030-01-01T00:00:00Z',
  items: 3,
  pending,
});

describe('access review campaigns', () => {
  it('counts decisions and says in progress, overdue or complete', () => {
    expect(campaignState(campaign(['pending', 'confirmed', 'revoked']), '2030-06-10')).toEqual({
      pending: 1,
      confirmed: 1,
      revoked: 1,
      state: 'in progress',
    });
    expect(campaignState(campaign(['pending']), '2030-07-01').state).toBe('overdue');
    expect(campaignState(campaign(['pending']), '2030-06-30').state).toBe('in progress');
    expect(campaignState(campaign(['confirmed']), '2030-07-01').state).toBe('complete');
  });
  it('judges a listed campaign by its counts alone', () => {
    expect(reviewState(0, '2030-01-01', '2030-06-01')).toBe('complete');
    expect(reviewState(2, '2030-05-31', '2030-06-01')).toBe('overdue');
  });
  it('puts overdue campaigns first, then those in progress, then complete ones, latest due first', () => {
    const listed = [
      summary('done', '2030-09-30', 0),
      summary('open-early', '2030-07-01', 1),
      summary('late', '2030-05-01', 2),
      summary('open-late', '2030-08-01', 3),
    ];
    expect(byUrgency(listed, '2030-06-01').map((c) => c.id)).toEqual(['late', 'open-late', 'open-early', 'done']);
  });
});

import { describe, expect, it } from 'vitest';
import { campaignState, mergeIds, rememberCampaign, rememberedCampaigns, type Campaign } from './reviews';

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

function memoryStore() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

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
  it('remembers started campaigns per location, newest first, once each', () => {
    const store = memoryStore();
    rememberCampaign(store, 'loc-a', 'c1');
    rememberCampaign(store, 'loc-a', 'c2');
    rememberCampaign(store, 'loc-a', 'c1');
    rememberCampaign(store, 'loc-b', 'c9');
    expect(rememberedCampaigns(store, 'loc-a')).toEqual(['c1', 'c2']);
    expect(rememberedCampaigns(store, 'loc-c')).toEqual([]);
  });
  it('survives a corrupt store', () => {
    const store = memoryStore();
    store.setItem('clinicops.access-reviews', '{nope');
    expect(rememberedCampaigns(store, 'loc-a')).toEqual([]);
    rememberCampaign(store, 'loc-a', 'c1');
    expect(rememberedCampaigns(store, 'loc-a')).toEqual(['c1']);
  });
  it('merges id lists without repeats, capped', () => {
    expect(mergeIds(['a', 'b'], ['b', 'c', ''], 2)).toEqual(['a', 'b']);
  });
});

// Billing's reads for the billing screen and a patient's page; keys start with 'billing' so a post refreshes them.
import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client';

export function useWorklist(locationId: string | undefined, onlyAttention: boolean) {
  return useQuery({
    queryKey: ['billing', 'worklist', locationId, onlyAttention],
    enabled: !!locationId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/billing/locations/{location_id}/claims', {
          params: { path: { location_id: locationId! }, query: { needs_attention: onlyAttention } },
        }),
      ),
  });
}

export function useClaim(claimId: string | undefined) {
  return useQuery({
    queryKey: ['billing', 'claim', claimId],
    enabled: !!claimId,
    queryFn: async () => must(await api.GET('/api/v1/billing/claims/{claim_id}', { params: { path: { claim_id: claimId! } } })),
  });
}

/** Payer names by id (payers are reference data, not a patient's: read once and kept). */
export function usePayerNames(enabled = true): (id: string) => string {
  const payers = useQuery({
    queryKey: ['billing', 'payers'],
    enabled,
    staleTime: 10 * 60_000,
    queryFn: async () => must(await api.GET('/api/v1/billing/payers')),
  });
  return (id: string) => payers.data?.find((p) => p.id === id)?.name ?? id;
}

export function useAging(locationId: string | undefined) {
  return useQuery({
    queryKey: ['billing', 'aging', locationId],
    enabled: !!locationId,
    queryFn: async () =>
      must(await api.GET('/api/v1/billing/reports/ar-aging', { params: { query: { location_id: locationId! } } })),
  });
}

export function useCollections(locationId: string | undefined, start: string, end: string) {
  return useQuery({
    queryKey: ['billing', 'collections', locationId, start, end],
    enabled: !!locationId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/billing/reports/collections', { params: { query: { location_id: locationId!, start, end } } }),
      ),
  });
}

export function useBudget(locationId: string | undefined, start: string, end: string) {
  return useQuery({
    queryKey: ['billing', 'budget', locationId, start, end],
    enabled: !!locationId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/billing/locations/{location_id}/budget-vs-actual', {
          params: { path: { location_id: locationId! }, query: { start, end } },
        }),
      ),
  });
}

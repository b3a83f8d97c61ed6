// Compliance's reads; every key starts with 'compliance' so an action refreshes the screen.
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client';
import type { Summary300A } from './osha';
import type { AttestationStatus } from './policies';

export function useOpenAlerts(locationId: string) {
  return useQuery({
    queryKey: ['compliance', 'alerts', locationId],
    queryFn: async () =>
      must(await api.GET('/api/v1/compliance/alerts', { params: { query: { location_id: locationId, status: 'open' } } })),
  });
}

export function usePrivacyIncidents(locationId: string) {
  return useQuery({
    queryKey: ['compliance', 'privacy-incidents', locationId],
    queryFn: async () =>
      must(await api.GET('/api/v1/compliance/privacy-incidents', { params: { query: { location_id: locationId } } })),
  });
}

/** A patient's accounting of access; only once an id is asked for (each read is itself audited). */
export function useAccounting(patientId: string | null) {
  return useQuery({
    queryKey: ['compliance', 'accounting', patientId],
    enabled: !!patientId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/compliance/audit/patients/{patient_id}/accounting', {
          params: { path: { patient_id: patientId! } },
        }),
      ),
  });
}

export function usePolicies() {
  return useQuery({
    queryKey: ['compliance', 'policies'],
    staleTime: 60_000,
    queryFn: async () => must(await api.GET('/api/v1/compliance/policies')),
  });
}

export function useAttestationStatus(versionIds: string[], locationId: string) {
  return useQueries({
    queries: versionIds.map((versionId) => ({
      queryKey: ['compliance', 'attestations', versionId, locationId],
      queryFn: async () =>
        must(
          await api.GET('/api/v1/compliance/policy-versions/{version_id}/attestations', {
            params: { path: { version_id: versionId }, query: { location_id: locationId } },
          }),
        ) as unknown as AttestationStatus, // the service answers a plain dict: its shape is in policies.ts
    })),
  });
}

export function useOshaLog(locationId: string, year: number) {
  return useQuery({
    queryKey: ['compliance', 'osha-log', locationId, year],
    queryFn: async () =>
      must(await api.GET('/api/v1/compliance/osha/log', { params: { query: { location_id: locationId, year } } })),
  });
}

export function useOshaSummary(locationId: string, year: number) {
  return useQuery({
    queryKey: ['compliance', 'osha-summary', locationId, year],
    queryFn: async () =>
      must(
        await api.GET('/api/v1/compliance/osha/summary', { params: { query: { location_id: locationId, year } } }),
      ) as unknown as Summary300A,
  });
}

export function useCampaignList(locationId: string) {
  return useQuery({
    queryKey: ['compliance', 'campaigns', locationId],
    queryFn: async () =>
      must(await api.GET('/api/v1/compliance/access-reviews', { params: { query: { location_id: locationId } } })),
  });
}

export function useCampaign(campaignId: string | null) {
  return useQuery({
    queryKey: ['compliance', 'campaign', campaignId],
    enabled: !!campaignId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/compliance/access-reviews/{campaign_id}', { params: { path: { campaign_id: campaignId! } } }),
      ),
  });
}

// The dashboard's reads: the gateway's location dashboard, and the reports and counts it does not gather itself.
import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client';
import { INBOX_KEY } from '../inbox/live';

const EVERY_MINUTE = 60_000; // a manager leaves it open: the day's numbers catch up without reload

export function useDashboard(locationId: string | undefined, day: string) {
  return useQuery({
    queryKey: ['dashboard', locationId, day],
    enabled: !!locationId,
    refetchInterval: EVERY_MINUTE,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/dashboard/locations/{location_id}', {
          params: { path: { location_id: locationId! }, query: { day } },
        }),
      ),
  });
}

/** Open, overdue and escalated tasks per location and role (the live stream's inbox events refresh it). */
export function useTaskCounts(enabled: boolean) {
  return useQuery({
    queryKey: [INBOX_KEY, 'counts'],
    enabled,
    refetchInterval: EVERY_MINUTE,
    queryFn: async () => must(await api.GET('/api/v1/inbox/tasks/counts')),
  });
}

export function useDenials(locationId: string | undefined, start: string, end: string) {
  return useQuery({
    queryKey: ['billing', 'denials', locationId, start, end],
    enabled: !!locationId,
    queryFn: async () =>
      must(await api.GET('/api/v1/billing/reports/denials', { params: { query: { location_id: locationId!, start, end } } })),
  });
}

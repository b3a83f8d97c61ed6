import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ApiFailure, must } from '../api/client';

/** A refusal by role (403) stays a refusal: asking again only delays the fallback. */
const unlessRefused = (failures: number, error: unknown) => !(error instanceof ApiFailure && error.status === 403) && failures < 1;

export function useMembers(locationId: string | undefined) {
  return useQuery({
    queryKey: ['staff-members', locationId],
    enabled: !!locationId,
    staleTime: 5 * 60_000,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/staff/members', { params: { query: { location_id: locationId!, limit: 200 } } }),
      ),
  });
}

/** The location's bookable clinicians by name, readable by every role that works the schedule. */
export function useProviders(locationId: string | undefined) {
  return useQuery({
    queryKey: ['providers', locationId],
    enabled: !!locationId,
    staleTime: 5 * 60_000,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/scheduling/locations/{location_id}/providers', {
          params: { path: { location_id: locationId! } },
        }),
      ),
  });
}

export const daySheetKey = (locationId: string, day: string) => ['day-sheet', locationId, day];

export function useDaySheets(locationId: string | undefined, days: string[]) {
  return useQueries({
    queries: days.map((day) => ({
      queryKey: daySheetKey(locationId ?? '', day),
      enabled: !!locationId,
      queryFn: async () =>
        must(
          await api.GET('/api/v1/scheduling/locations/{location_id}/day-sheet', {
            params: { path: { location_id: locationId! }, query: { day } },
          }),
        ),
    })),
  });
}

export function useAppointmentTypes(locationId: string | undefined) {
  return useQuery({
    queryKey: ['appointment-types', locationId],
    enabled: !!locationId,
    staleTime: 5 * 60_000,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/scheduling/locations/{location_id}/appointment-types', {
          params: { path: { location_id: locationId! } },
        }),
      ),
  });
}

/** The location's rooms; a front desk may not list them (403), and then the room view falls back to the visits' rooms. */
export function useRooms(locationId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['rooms', locationId],
    enabled: !!locationId && enabled,
    retry: unlessRefused,
    staleTime: 5 * 60_000,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/facilities/locations/{location_id}/rooms', {
          params: { path: { location_id: locationId! } },
        }),
      ),
  });
}

export const waitlistKey = (locationId: string) => ['waitlist', locationId];

/** Who waits at the location, best-ranked first, each with the slot held for them if any. */
export function useWaitlist(locationId: string | undefined) {
  return useQuery({
    queryKey: waitlistKey(locationId ?? ''),
    enabled: !!locationId,
    retry: unlessRefused,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/scheduling/locations/{location_id}/waitlist', {
          params: { path: { location_id: locationId! } },
        }),
      ),
  });
}

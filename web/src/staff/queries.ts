// Staff's reads, the pending time off and its decision, shifts and roster templates; keys start with 'staff' so a decision refreshes the roster and coverage.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, must, type Schemas, type StaffMember } from '../api/client';

export function useWeekShifts(locationId: string | undefined, days: string[]) {
  return useQuery({
    queryKey: ['staff', 'shifts', locationId, days[0], days[days.length - 1]],
    enabled: !!locationId && days.length > 0,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/staff/locations/{location_id}/shifts', {
          params: { path: { location_id: locationId! }, query: { first_day: days[0], last_day: days[days.length - 1] } },
        }),
      ),
  });
}

export function useWeekCoverage(locationId: string | undefined, days: string[]) {
  return useQueries({
    queries: days.map((day) => ({
      queryKey: ['staff', 'coverage', locationId, day],
      enabled: !!locationId,
      queryFn: async () =>
        must(
          await api.GET('/api/v1/staff/locations/{location_id}/coverage', {
            params: { path: { location_id: locationId! }, query: { day } },
          }),
        ),
    })),
  });
}

/** Each member's credentials: one (audited) read per member, kept for five minutes. */
export function useCredentials(members: StaffMember[]) {
  return useQueries({
    queries: members.map((m) => ({
      queryKey: ['staff', 'credentials', m.id],
      staleTime: 5 * 60_000,
      queryFn: async () =>
        must(
          await api.GET('/api/v1/staff/members/{staff_id}/credentials', { params: { path: { staff_id: m.id } } }),
        ),
    })),
  });
}

/** The location's time-off requests waiting for a decision, soonest first. */
export function usePendingTimeOff(locationId: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'time-off', locationId],
    enabled: !!locationId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/staff/locations/{location_id}/time-off', {
          params: { path: { location_id: locationId! }, query: { status: 'requested' } },
        }),
      ),
  });
}

export type Decision = { timeOffId: string; approve: boolean; note: string };

export function useDecideTimeOff() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ timeOffId, approve, note }: Decision) => {
      const options = { params: { path: { time_off_id: timeOffId } }, body: { note: note.trim() || null } };
      return must(
        approve
          ? await api.POST('/api/v1/staff/time-off/{time_off_id}/approve', options)
          : await api.POST('/api/v1/staff/time-off/{time_off_id}/deny', options),
      );
    },
    // An approval marks shifts as away and may open gaps.
    onSuccess: () => queries.invalidateQueries({ queryKey: ['staff'] }),
  });
}

// Every change to shifts refreshes the roster, its coverage and gaps: all keyed under 'staff'.
function useStaffChange<In, Out>(send: (input: In) => Promise<Out>) {
  const queries = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => queries.invalidateQueries({ queryKey: ['staff'] }) });
}

export type NewShift = { locationId: string; staffId: string; start: string; end: string };

/** Schedule a shift (local times at the location); a 409 says which shift it overlaps. */
export function useAddShift() {
  return useStaffChange(async ({ locationId, staffId, start, end }: NewShift) =>
    must(await api.POST('/api/v1/staff/shifts', { body: { location_id: locationId, staff_id: staffId, start, end } })),
  );
}

export function useCancelShift() {
  return useStaffChange(async (shiftId: string) =>
    must(await api.POST('/api/v1/staff/shifts/{shift_id}/cancel', { params: { path: { shift_id: shiftId } } })),
  );
}

export type NewTemplate = { locationId: string; name: string; entries: Schemas['StaffRosterEntry'][] };

/** The location's saved weekly rosters, by name. */
export function useRosterTemplates(locationId: string) {
  return useQuery({
    queryKey: ['staff', 'templates', locationId],
    queryFn: async () =>
      must(
        await api.GET('/api/v1/staff/locations/{location_id}/roster-templates', {
          params: { path: { location_id: locationId } },
        }),
      ),
  });
}

/** Save a weekly roster of local shifts; saving changes no shift, so only the list of templates is refreshed. */
export function useSaveTemplate() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ locationId, name, entries }: NewTemplate) =>
      must(
        await api.POST('/api/v1/staff/locations/{location_id}/roster-templates', {
          params: { path: { location_id: locationId } },
          body: { name, entries },
        }),
      ),
    onSuccess: (_, { locationId }) => queries.invalidateQueries({ queryKey: ['staff', 'templates', locationId] }),
  });
}

export type Fill = { templateId: string; firstDay: string; lastDay: string };

/** Create a template's shifts over local days, all or none: a 409 names the shift in the way. */
export function useFillFromTemplate() {
  return useStaffChange(async ({ templateId, firstDay, lastDay }: Fill) =>
    must(
      await api.POST('/api/v1/staff/roster-templates/{template_id}/generate', {
        params: { path: { template_id: templateId } },
        body: { first_day: firstDay, last_day: lastDay },
      }),
    ),
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, must, type Patient } from '../api/client';

export const fullName = (p: Pick<Patient, 'given_name' | 'family_name'>) => `${p.family_name}, ${p.given_name}`;

/**
 * The names of the patients on screen, each read once and kept (every read is in the PHI audit).
 *
 * One query for the whole set, reading each patient through the cache: a week's schedule names hundreds of
 * patients, and one observer per patient would re-render the grid once per answer.
 */
export function usePatientNames(ids: string[]): (id: string) => string {
  const unique = [...new Set(ids)].sort();
  const queries = useQueryClient();
  const names = useQuery({
    queryKey: ['patient-names', unique],
    enabled: unique.length > 0,
    staleTime: 10 * 60_000,
    placeholderData: (previous) => previous, // the names known so far while a new set is read
    queryFn: async () => {
      const read = await Promise.allSettled(
        unique.map((id) =>
          queries.ensureQueryData({
            queryKey: ['patient', id],
            staleTime: 10 * 60_000,
            queryFn: async () =>
              must(await api.GET('/api/v1/scheduling/patients/{patient_id}', { params: { path: { patient_id: id } } })),
          }),
        ),
      );
      // A patient this user may not read (or gone) stays "Patient"; the others still get their names.
      return Object.fromEntries(
        read.flatMap((r, i) => (r.status === 'fulfilled' ? [[unique[i], fullName(r.value)] as const] : [])),
      ) as Record<string, string>;
    },
  });
  const data = names.data;
  return useCallback((id: string) => data?.[id] ?? 'Patient', [data]);
}

/** Patients whose name starts with the text typed (two letters at least). */
export function usePatientSearch(text: string) {
  const name = text.trim();
  return useQuery({
    queryKey: ['patient-search', name],
    enabled: name.length >= 2,
    staleTime: 30_000,
    queryFn: async () =>
      must(await api.GET('/api/v1/scheduling/patients', { params: { query: { name, limit: 20 } } })).items,
  });
}

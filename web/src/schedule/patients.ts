import { useQueries, useQuery } from '@tanstack/react-query';
import { api, must, type Patient } from '../api/client';

export const fullName = (p: Pick<Patient, 'given_name' | 'family_name'>) => `${p.family_name}, ${p.given_name}`;

/** The names of the patients on screen, each read once and kept (every read is in the PHI audit). */
export function usePatientNames(ids: string[]): (id: string) => string {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['patient', id],
      staleTime: 10 * 60_000,
      queryFn: async () =>
        must(await api.GET('/api/v1/scheduling/patients/{patient_id}', { params: { path: { patient_id: id } } })),
    })),
  });
  const names = new Map<string, string>();
  unique.forEach((id, i) => {
    const data = results[i]?.data;
    if (data) names.set(id, fullName(data));
  });
  return (id: string) => names.get(id) ?? 'Patient';
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

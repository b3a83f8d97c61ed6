// A patient's reads: scheduling's record and visits, billing's account at the selected location.
import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client';

export function usePatient(patientId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['patient', patientId],
    enabled: !!patientId && enabled,
    queryFn: async () =>
      must(await api.GET('/api/v1/scheduling/patients/{patient_id}', { params: { path: { patient_id: patientId! } } })),
  });
}

export function usePatientSearchBy(query: { name?: string; birth_date?: string } | null) {
  return useQuery({
    queryKey: ['patient-search', query],
    enabled: !!query,
    staleTime: 30_000,
    queryFn: async () => must(await api.GET('/api/v1/scheduling/patients', { params: { query: { ...query, limit: 50 } } })),
  });
}

export function useAppointments(patientId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['patient-appointments', patientId],
    enabled,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/scheduling/patients/{patient_id}/appointments', { params: { path: { patient_id: patientId } } }),
      ),
  });
}

const account = (patientId: string, locationId: string) => ({ path: { patient_id: patientId }, query: { location_id: locationId } });

export function useBalance(patientId: string, locationId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['billing', 'balance', patientId, locationId],
    enabled,
    queryFn: async () => must(await api.GET('/api/v1/billing/patients/{patient_id}/balance', { params: account(patientId, locationId) })),
  });
}

export function useCoverages(patientId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['billing', 'coverages', patientId],
    enabled,
    queryFn: async () =>
      must(await api.GET('/api/v1/billing/patients/{patient_id}/coverages', { params: { path: { patient_id: patientId } } })),
  });
}

export function usePayments(patientId: string, locationId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['billing', 'payments', patientId, locationId],
    enabled,
    queryFn: async () => must(await api.GET('/api/v1/billing/patients/{patient_id}/payments', { params: account(patientId, locationId) })),
  });
}

export function useStatement(patientId: string, locationId: string, start: string, end: string, enabled: boolean) {
  return useQuery({
    queryKey: ['billing', 'statement', patientId, locationId, start, end],
    enabled,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/billing/patients/{patient_id}/statement', {
          params: { path: { patient_id: patientId }, query: { location_id: locationId, start, end } },
        }),
      ),
  });
}

export function usePatientClaims(patientId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['billing', 'patient-claims', patientId],
    enabled,
    queryFn: async () =>
      must(await api.GET('/api/v1/billing/patients/{patient_id}/claims', { params: { path: { patient_id: patientId } } })),
  });
}

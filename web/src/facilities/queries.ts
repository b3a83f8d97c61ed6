// Facilities' reads for the facilities screen; keys start with 'facilities' so an action refreshes them.
import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client';

const at = (locationId: string) => ({ path: { location_id: locationId } });

export function useEquipment(locationId: string) {
  return useQuery({
    queryKey: ['facilities', 'equipment', locationId],
    queryFn: async () => must(await api.GET('/api/v1/facilities/locations/{location_id}/equipment', { params: at(locationId) })),
  });
}

export function useOpenMaintenance(locationId: string) {
  return useQuery({
    queryKey: ['facilities', 'maintenance', locationId],
    queryFn: async () =>
      must(
        await api.GET('/api/v1/facilities/locations/{location_id}/maintenance-tasks', {
          params: { ...at(locationId), query: { status: 'open' } },
        }),
      ),
  });
}

export function useWorkOrders(locationId: string) {
  return useQuery({
    queryKey: ['facilities', 'work-orders', locationId],
    queryFn: async () => must(await api.GET('/api/v1/facilities/locations/{location_id}/work-orders', { params: at(locationId) })),
  });
}

export function useLowStock(locationId: string) {
  return useQuery({
    queryKey: ['facilities', 'low-stock', locationId],
    queryFn: async () =>
      must(
        await api.GET('/api/v1/facilities/locations/{location_id}/supplies', {
          params: { ...at(locationId), query: { low_stock: true } },
        }),
      ),
  });
}

export function usePurchaseOrders(locationId: string) {
  return useQuery({
    queryKey: ['facilities', 'purchase-orders', locationId],
    queryFn: async () =>
      must(await api.GET('/api/v1/facilities/locations/{location_id}/purchase-orders', { params: at(locationId) })),
  });
}

import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiFailure, must, type Location } from '../api/client';
import { ALL_LOCATIONS } from '../api/session';
import { useAuth } from '../auth/AuthContext';

type Locations = {
  locations: Location[];
  current: Location | null;
  choose: (locationId: string) => void;
  isLoading: boolean;
  error: unknown;
};

const LocationContext = createContext<Locations>({
  locations: [],
  current: null,
  choose: () => {},
  isLoading: false,
  error: null,
});
const KEY = 'clinicops.location';

/** The locations a token reaches: all for '*', else those it names. */
export function reachable(all: Location[], scope: string[]): Location[] {
  return scope.includes(ALL_LOCATIONS) ? all : all.filter((l) => scope.includes(l.location_id));
}

/** A token's own locations, by id, while facilities cannot list them (stopped or unreachable). */
export function fromScope(scope: string[]): Location[] {
  return scope
    .filter((id) => id !== ALL_LOCATIONS)
    .map((id) => ({ location_id: id, name: id, state: '', timezone: '', opening_hours: [], closed_on: [], cancellation_notice_hours: 0 }) as Location);
}

export function LocationProvider({ children }: { children: ReactNode }) {
  const { claims } = useAuth();
  const query = useQuery({
    queryKey: ['locations'],
    queryFn: async () => must(await api.GET('/api/v1/facilities/locations')),
    enabled: !!claims,
    staleTime: 5 * 60_000,
  });
  const locations = useMemo(
    () => (query.error ? fromScope(claims?.locations ?? []) : reachable(query.data ?? [], claims?.locations ?? [])),
    [query.data, query.error, claims],
  );
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem(KEY));
  useEffect(() => {
    if (chosen) sessionStorage.setItem(KEY, chosen);
  }, [chosen]);
  const picked = locations.find((l) => l.location_id === chosen) ?? locations[0] ?? null;
  // Without facilities' answer the timezone comes from scheduling's day sheet.
  const zone = useQuery({
    queryKey: ['location-zone', picked?.location_id],
    enabled: !!picked && !picked.timezone,
    staleTime: Infinity,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/scheduling/locations/{location_id}/day-sheet', {
          params: { path: { location_id: picked!.location_id }, query: { day: new Date().toISOString().slice(0, 10) } },
        }),
      ).timezone,
  });
  // A biller may not read the day sheet (the billing screens need the location, not its zone): the browser's zone stands in.
  const zoneRefused = zone.error instanceof ApiFailure && zone.error.status === 403;
  const timezone = zone.data ?? (zoneRefused ? Intl.DateTimeFormat().resolvedOptions().timeZone : null);
  const current = useMemo(
    () => (picked && !picked.timezone ? (timezone ? { ...picked, timezone } : null) : picked),
    [picked, timezone],
  );
  const error = zoneRefused ? null : zone.error;
  const value = useMemo(
    () => ({ locations, current, choose: setChosen, isLoading: query.isLoading || zone.isLoading, error }),
    [locations, current, query.isLoading, zone.isLoading, error],
  );
  return <LocationContext.Provider value={value}>{children}</LocationContext.Provider>;
}

export function useLocations(): Locations {
  return useContext(LocationContext);
}

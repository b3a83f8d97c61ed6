import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, must, type Location } from '../api/client';
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

export function LocationProvider({ children }: { children: ReactNode }) {
  const { claims } = useAuth();
  const query = useQuery({
    queryKey: ['locations'],
    queryFn: async () => must(await api.GET('/api/v1/facilities/locations')),
    enabled: !!claims,
    staleTime: 5 * 60_000,
  });
  const locations = useMemo(() => reachable(query.data ?? [], claims?.locations ?? []), [query.data, claims]);
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem(KEY));
  useEffect(() => {
    if (chosen) sessionStorage.setItem(KEY, chosen);
  }, [chosen]);
  const current = locations.find((l) => l.location_id === chosen) ?? locations[0] ?? null;
  const value = useMemo(
    () => ({ locations, current, choose: setChosen, isLoading: query.isLoading, error: query.error }),
    [locations, current, query.isLoading, query.error],
  );
  return <LocationContext.Provider value={value}>{children}</LocationContext.Provider>;
}

export function useLocations(): Locations {
  return useContext(LocationContext);
}

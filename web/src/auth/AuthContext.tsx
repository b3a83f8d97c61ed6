import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import * as session from '../api/session';

type Auth = {
  claims: session.Claims | null;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<Auth>({ claims: null, signOut: async () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [claims, setClaims] = useState(session.currentClaims);
  useEffect(() => session.subscribe(setClaims), []);

  // Renew the access token a minute before it lapses, for as long as the tab is signed in.
  useEffect(() => {
    if (!claims) return;
    const wait = session.msUntilRefresh();
    if (wait === null) return;
    const timer = setTimeout(() => void session.refresh(), wait);
    return () => clearTimeout(timer);
  }, [claims]);

  const value = useMemo<Auth>(
    () => ({
      claims,
      signOut: async () => {
        const refresh_token = session.refreshToken();
        try {
          await api.POST('/api/v1/auth/sign-out', { body: refresh_token ? { refresh_token } : undefined });
        } finally {
          session.clear();
        }
      },
    }),
    [claims],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  return useContext(AuthContext);
}

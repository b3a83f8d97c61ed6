// The signed-in session: tokens in this tab's sessionStorage (each tab signs in on its own: a refresh
// token is good once, so two tabs sharing one would revoke each other's session), refreshed before expiry.

export type Tokens = {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  refresh_expires_in: number;
};

export type Claims = {
  sub: string;
  roles: string[];
  locations: string[];
  exp: number;
};

const KEY = 'clinicops.session';
export const ALL_LOCATIONS = '*';

type Stored = Tokens & { received_at: number };
type Listener = (claims: Claims | null) => void;

const listeners = new Set<Listener>();
let refreshing: Promise<boolean> | null = null;

export function decodeClaims(token: string): Claims {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  const raw = JSON.parse(json);
  return {
    sub: String(raw.sub),
    roles: Array.isArray(raw.roles) ? raw.roles : [],
    locations: Array.isArray(raw.locations) ? raw.locations : [],
    exp: Number(raw.exp),
  };
}

function read(): Stored | null {
  const text = sessionStorage.getItem(KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as Stored;
  } catch {
    return null;
  }
}

export function accessToken(): string | null {
  return read()?.access_token ?? null;
}

export function currentClaims(): Claims | null {
  const token = accessToken();
  if (!token) return null;
  try {
    return decodeClaims(token);
  } catch {
    return null;
  }
}

export function store(tokens: Tokens): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...tokens, received_at: Date.now() }));
  listeners.forEach((l) => l(currentClaims()));
}

export function clear(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l(null));
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Milliseconds until the access token should be renewed (a minute before it lapses). */
export function msUntilRefresh(now = Date.now()): number | null {
  const stored = read();
  if (!stored) return null;
  return Math.max(0, stored.received_at + (stored.expires_in - 60) * 1000 - now);
}

/** Trade the refresh token for a new pair; one request at a time however many callers ask. */
export function refresh(): Promise<boolean> {
  if (refreshing) return refreshing;
  const stored = read();
  if (!stored) return Promise.resolve(false);
  refreshing = (async () => {
    try {
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: stored.refresh_token }),
      });
      if (!response.ok) {
        clear();
        return false;
      }
      store((await response.json()) as Tokens);
      return true;
    } catch {
      return false; // offline: keep the session, the next call tries again
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export function refreshToken(): string | null {
  return read()?.refresh_token ?? null;
}

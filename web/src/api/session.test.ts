import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { json, token } from '../test/render';
import { authFetch } from './client';
import { accessToken, currentClaims, decodeClaims, msUntilRefresh, store } from './session';

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

const pair = (sub: string) => ({
  access_token: token({ sub, roles: ['front_desk'], locations: ['loc-a'] }),
  refresh_token: `refresh-${sub}-0123456789abcdef`,
  expires_in: 900,
  refresh_expires_in: 3600,
});

test('claims are read from the access token', () => {
  const claims = decodeClaims(token({ sub: 's1', roles: ['biller'], locations: ['*'] }));
  expect(claims).toMatchObject({ sub: 's1', roles: ['biller'], locations: ['*'] });
});

test('the token is renewed a minute before it lapses', () => {
  store(pair('a'));
  const wait = msUntilRefresh()!;
  expect(wait).toBeGreaterThan(839_000);
  expect(wait).toBeLessThanOrEqual(840_000);
});

test('a 401 refreshes once and retries with the new token', async () => {
  store(pair('old'));
  const fetch = vi
    .fn()
    .mockResolvedValueOnce(json({ error: 'Unauthorized', message: 'expired' }, 401))
    .mockResolvedValueOnce(json(pair('new')))
    .mockResolvedValueOnce(json({ ok: true }));
  vi.stubGlobal('fetch', fetch);
  const answer = await authFetch(new Request('http://t/api/v1/staff/members?location_id=loc-a'));
  expect(answer.status).toBe(200);
  expect(currentClaims()?.sub).toBe('new');
  const retried = fetch.mock.calls[2][0] as Request;
  expect(retried.headers.get('Authorization')).toBe(`Bearer ${accessToken()}`);
  expect(JSON.parse(fetch.mock.calls[1][1].body)).toEqual({ refresh_token: 'refresh-old-0123456789abcdef' });
});

test('a refused refresh signs the tab out', async () => {
  store(pair('old'));
  vi.stubGlobal(
    'fetch',
    vi.fn().mockResolvedValue(json({ error: 'Unauthorized', message: 'no' }, 401)),
  );
  const answer = await authFetch(new Request('http://t/api/v1/users'));
  expect(answer.status).toBe(401);
  expect(currentClaims()).toBeNull();
});

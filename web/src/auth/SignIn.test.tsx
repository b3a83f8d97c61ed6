import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { currentClaims } from '../api/session';
import { json, renderScreen, token } from '../test/render';
import { SignIn } from './SignIn';

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

const tokens = (claims: Record<string, unknown>) => ({
  access_token: token(claims),
  refresh_token: 'r'.repeat(32),
  expires_in: 900,
  refresh_expires_in: 3600,
});

test('a refused sign-in asks for the authenticator code and sends it on the next try', async () => {
  const fetch = vi
    .fn()
    .mockResolvedValueOnce(json({ error: 'Unauthorized', message: 'refused' }, 401))
    .mockResolvedValueOnce(json(tokens({ sub: 'u1', roles: ['compliance_officer'], locations: ['loc-a'] })));
  vi.stubGlobal('fetch', fetch);
  renderScreen(<SignIn />);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/email/i), 'officer@example.com');
  await user.type(screen.getByLabelText(/^password/i), 'secret-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(/authenticator/);
  await user.type(screen.getByLabelText(/authenticator code/i), '123456');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  await waitFor(() => expect(currentClaims()?.roles).toEqual(['compliance_officer']));
  const second = JSON.parse(fetch.mock.calls[1][1].body);
  expect(second).toEqual({ email: 'officer@example.com', password: 'secret-password', otp: '123456' });
});

test('a throttled sign-in says to wait', async () => {
  vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ error: 'TooManyRequests', message: 'slow' }, 429)));
  renderScreen(<SignIn />);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/email/i), 'a@example.com');
  await user.type(screen.getByLabelText(/^password/i), 'x');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(/wait a minute/i);
  expect(currentClaims()).toBeNull();
});

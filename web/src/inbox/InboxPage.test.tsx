import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { store } from '../api/session';
import { AuthProvider } from '../auth/AuthContext';
import { LocationProvider } from '../shell/LocationContext';
import { json, renderScreen, token } from '../test/render';
import { InboxPage } from './InboxPage';

const hour = 3_600_000;
const base = { business_status: null, cause: 'manual:x', category: 'other', location_id: 'loc-a', role: 'front_desk' };
const task = (id: string, title: string, priority: string, dueIn: number, extra = {}) => ({
  ...base,
  id,
  title,
  priority,
  status: 'requested',
  owner: null,
  description: '',
  focus: null,
  patient_id: null,
  due_at: new Date(Date.now() + dueIn).toISOString(),
  overdue: dueIn < 0,
  escalated: false,
  created_by: 'om-1',
  created_at: new Date(Date.now() - 5 * hour).toISOString(),
  updated_at: new Date(Date.now() - hour).toISOString(),
  closed_at: null,
  version: 1,
  ...extra,
});
const late = task('t-late', 'Fax the referral', 'urgent', -2 * hour);
const soon = task('t-soon', 'Call back about forms', 'routine', 3 * hour);
const stat = task('t-stat', 'Chest pain email', 'stat', 20 * 60_000, { role: 'clinician' });

// The typed client builds Requests from relative paths, as a browser resolves them; Node's Request needs a base.
// It takes the Request class when it is created, so this runs before the imports (vi.hoisted).
vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' && input.startsWith('/') ? `http://console.test${input}` : input, init);
    }
  };
});

beforeEach(() => {
  sessionStorage.clear();
  store({
    access_token: token({ sub: 'desk-1', roles: ['front_desk'], locations: ['loc-a'] }),
    refresh_token: 'r'.repeat(32),
    expires_in: 900,
    refresh_expires_in: 3600,
  });
});
afterEach(() => vi.unstubAllGlobals());

/** The gateway as the inbox screen meets it: the desk's one location, its tasks. */
function gateway(calls: { method: string; path: string; body?: string }[]) {
  return vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    calls.push({ method: input.method, path: url.pathname + url.search, body: input.method === 'POST' ? await input.text() : undefined });
    if (url.pathname === '/api/v1/live/events') return new Response(null, { status: 204 });
    if (url.pathname === '/api/v1/facilities/locations')
      return json([{ location_id: 'loc-a', name: 'Clinic A', state: 'NY', timezone: 'America/New_York', opening_hours: [], closed_on: [], cancellation_notice_hours: 24 }]);
    if (url.pathname === '/api/v1/inbox/tasks') return json({ items: [soon, late, stat], total: 3 });
    if (url.pathname === '/api/v1/inbox/tasks/t-late/claim') return json({ ...late, owner: 'desk-1', status: 'accepted' });
    if (url.pathname === '/api/v1/inbox/tasks/t-late')
      return json({ ...late, notes: [], history: [{ at: late.created_at, actor: 'om-1', action: 'created', details: {} }] });
    return json({ error: 'NotFound', message: url.pathname }, 404);
  });
}

test('a front desk sees tasks by priority with the late one marked, opens it and claims it', async () => {
  const calls: { method: string; path: string; body?: string }[] = [];
  vi.stubGlobal('fetch', gateway(calls));
  renderScreen(
    <AuthProvider>
      <LocationProvider>
        <InboxPage />
      </LocationProvider>
    </AuthProvider>,
  );
  expect(await screen.findByRole('heading', { name: 'Inbox · Clinic A' })).toBeInTheDocument();
  expect(screen.queryByRole('tab', { name: /All pools/ })).toBeNull(); // a manager's tab
  const headings = (await screen.findAllByRole('heading', { level: 3 })).map((h) => h.textContent);
  expect(headings).toEqual(['Stat · 1', 'Urgent · 1', 'Routine · 1']);
  const lateRow = screen.getByText('Fax the referral').closest('[data-task]') as HTMLElement;
  expect(lateRow).toHaveAttribute('data-overdue', 'true');
  expect(within(lateRow).getByText(/overdue by 2 h/)).toBeInTheDocument();
  const list = calls.find((c) => c.path.startsWith('/api/v1/inbox/tasks?'));
  expect(list?.path).toContain('view=mine');
  expect(list?.path).toContain('location_id=loc-a');

  const user = userEvent.setup();
  await user.click(within(lateRow).getAllByRole('button')[0]);
  const panel = await screen.findByRole('region', { name: 'Task' });
  expect(within(panel).getByText('om-1 opened it')).toBeInTheDocument();
  await user.click(within(panel).getByRole('button', { name: 'Claim' }));
  await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/inbox/tasks/t-late/claim')).toBe(true));
  expect(within(panel).queryByRole('form', { name: 'Assign' })).toBeNull(); // assigning is a manager's

  await user.click(screen.getByRole('tab', { name: 'Overdue' }));
  await waitFor(() => expect(calls.some((c) => c.path.includes('view=all') && c.path.includes('overdue=true'))).toBe(true));
});

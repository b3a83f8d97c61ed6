import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test, vi } from 'vitest';
import { store } from '../api/session';
import { AuthProvider } from '../auth/AuthContext';
import { LocationProvider } from '../shell/LocationContext';
import { json, renderScreen, token } from '../test/render';
import { DashboardPage } from './DashboardPage';

// Node's Request needs a base for the client's relative paths (see InboxPage.test.tsx).
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
    access_token: token({ sub: 'om-1', roles: ['office_manager'], locations: ['loc-a'] }),
    refresh_token: 'r'.repeat(32),
    expires_in: 900,
    refresh_expires_in: 3600,
  });
});

const up = { available: true, reason: null };
const location = { location_id: 'loc-a', name: 'Clinic A', state: 'CA', timezone: 'America/New_York', opening_hours: [], closed_on: [], cancellation_notice_hours: 24 };

/** Facilities is down: the gateway's dashboard marks its sections, and billing's aging answers 503. */
function gateway() {
  return vi.fn(async (input: Request) => {
    const path = new URL(input.url).pathname;
    if (path === '/api/v1/live/events') return new Response(null, { status: 204 });
    if (path === '/api/v1/facilities/locations') return json([location]);
    if (path === '/api/v1/dashboard/locations/loc-a')
      return json({
        location_id: 'loc-a',
        day: '2031-03-11',
        partial: true,
        appointments: { ...up, total: 3, by_status: { booked: 2, noshow: 1 } },
        coverage: { ...up, on_shift: [], gaps: [{ role: 'physician', required: 2, scheduled: 1, start: '2031-03-11T13:00:00Z', end: '2031-03-11T17:00:00Z' }] },
        rooms: { available: false, reason: 'facilities is not answering', out_of_service: [] },
        work_orders: { available: false, reason: 'facilities is not answering', open: [] },
        low_stock: { available: false, reason: 'facilities is not answering', low: [] },
        claims: { ...up, needs_attention: [] },
        compliance_alerts: { available: false, reason: 'compliance answered 403: no', open: [] },
      });
    if (path.endsWith('/day-sheet')) return json({ date: '2031-03-11', location_id: 'loc-a', timezone: 'America/New_York', by_provider: {}, waitlist_offers: [], worklist: [] });
    if (path === '/api/v1/inbox/tasks/counts')
      return json([
        { location_id: 'loc-a', role: 'front_desk', open: 4, overdue: 1, escalated: 0 },
        { location_id: 'loc-b', role: 'biller', open: 9, overdue: 0, escalated: 0 },
      ]);
    if (path === '/api/v1/billing/locations/loc-a/claims') return json([]);
    if (path === '/api/v1/billing/reports/ar-aging') return json({ error: 'ServiceUnavailable', message: 'billing is not answering' }, 503);
    if (path === '/api/v1/billing/reports/denials') return json({ start: '2031-02-10', end: '2031-03-11', by_carc: [], by_payer: [], by_provider: [] });
    return json({ error: 'NotFound', message: path }, 404);
  });
}

const tile = (key: string) => document.querySelector(`[data-headline="${key}"]`) as HTMLElement;

test('a manager sees the numbers that answered and the parts a stopped service could not fill as unavailable', async () => {
  vi.stubGlobal('fetch', gateway());
  renderScreen(
    <AuthProvider>
      <LocationProvider>
        <DashboardPage />
      </LocationProvider>
    </AuthProvider>,
  );
  expect(await screen.findByRole('heading', { name: /^Dashboard · Clinic A/ })).toBeInTheDocument();
  expect(await within(tile('appointments')).findByText('3')).toBeInTheDocument();
  expect(within(tile('no-shows')).getByText('1')).toBeInTheDocument();
  expect(within(tile('gaps')).getByText('1')).toBeInTheDocument();
  expect(await within(tile('open-tasks')).findByText('4')).toBeInTheDocument(); // loc-b's pool left out
  expect(within(tile('low-stock')).getByText('Unavailable')).toBeInTheDocument();
  expect(within(tile('low-stock')).queryByText('0')).toBeNull();

  expect(screen.getByText(/Unavailable: rooms, work orders, stock\. /)).toBeInTheDocument();
  const stock = screen.getByRole('region', { name: 'Stock alerts' });
  expect(within(stock).getByText(/cannot be shown now: facilities is not answering/)).toBeInTheDocument();
  const aging = screen.getByRole('region', { name: 'Accounts receivable by age' });
  expect(await within(aging).findByText(/cannot be shown now: billing is not answering/)).toBeInTheDocument();
  expect(await within(screen.getByRole('region', { name: 'Claims by state' })).findByText('No claims at this location yet.')).toBeInTheDocument();
  // An office manager does not read compliance: no panel for it rather than a permanent refusal.
  expect(screen.queryByRole('region', { name: 'Compliance alerts' })).toBeNull();
});

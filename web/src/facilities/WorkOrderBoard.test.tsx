import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { store } from '../api/session';
import { json, renderScreen, token } from '../test/render';
import { WorkOrderBoard } from './WorkOrderBoard';

// Node's Request needs a base for the client's relative paths (set before the client takes the class).
vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' && input.startsWith('/') ? `http://console.test${input}` : input, init);
    }
  };
});

const order = (id: string, title: string, status: string) => ({
  work_order_id: id,
  title,
  priority: 'high',
  status,
  equipment_id: null,
  room_id: 'exam-1',
  reported_at: new Date(Date.now() - 3_600_000).toISOString(),
});

beforeEach(() =>
  store({
    access_token: token({ sub: 'fc-1', roles: ['facilities_coordinator'], locations: ['loc-a'] }),
    refresh_token: 'r'.repeat(32),
    expires_in: 900,
    refresh_expires_in: 3600,
  }),
);
afterEach(() => vi.unstubAllGlobals());

test('cards sit in their status column; resolving asks what fixed it and posts it', async () => {
  const orders = [order('w1', 'Exam light flickers', 'open'), order('w2', 'Door sticks', 'resolved')];
  const posts: { path: string; body: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      if (input.method === 'POST') {
        posts.push({ path, body: await input.text() });
        orders[0] = order('w1', 'Exam light flickers', 'resolved');
        return json({ ...orders[0], location_id: 'loc-a' });
      }
      return json(orders);
    }),
  );
  renderScreen(<WorkOrderBoard locationId="loc-a" />);
  const open = await screen.findByRole('region', { name: 'Open' });
  expect(within(open).getByText('Exam light flickers')).toBeInTheDocument();
  const resolved = screen.getByRole('region', { name: 'Resolved' });
  expect(within(resolved).getByText('Door sticks')).toBeInTheDocument();
  expect(within(resolved).getByRole('button', { name: 'Close: Door sticks' })).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /Start work: Door sticks/ })).toBeNull();

  await userEvent.click(within(open).getByRole('button', { name: 'Resolve: Exam light flickers' }));
  await userEvent.type(screen.getByLabelText('What fixed it'), 'New ballast');
  await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
  await waitFor(() => expect(posts).toHaveLength(1));
  expect(posts[0].path).toBe('/api/v1/facilities/work-orders/w1/resolve');
  expect(JSON.parse(posts[0].body)).toEqual({ resolution: 'New ballast' });
  await waitFor(() => expect(within(screen.getByRole('region', { name: 'Resolved' })).getByText('Exam light flickers')).toBeInTheDocument());
});

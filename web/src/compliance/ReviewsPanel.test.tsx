import { fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from '../api/client';
import { renderScreen } from '../test/render';
import { ReviewsPanel } from './ReviewsPanel';

afterEach(() => vi.restoreAllMocks());

const summary = (id: string, name: string, due_on: string, items: number, pending: number) => ({
  id,
  name,
  location_id: 'loc-a',
  due_on,
  started_by: 'officer',
  started_at: '2030-01-01T00:00:00Z',
  items,
  pending,
});
const listed = [summary('c-done', 'Q1', '2030-03-31', 4, 0), summary('c-late', 'Q2', '2030-05-31', 4, 1)];
const late = {
  ...listed[1],
  items: [
    { id: 'i-1', manager_id: 'om-1', staff_id: 's-ann', role: 'front_desk', location_ids: ['loc-a'], decision: 'pending',
      revoked_roles: [], revoked_location_ids: [], reason: null, decided_by: null, decided_at: null },
  ],
};

test("an officer sees the location's campaigns, the overdue one first, and opens it to decide its items", async () => {
  const get = vi.spyOn(api, 'GET').mockImplementation((async (path: string) => ({
    data: path === '/api/v1/compliance/access-reviews' ? listed : late,
    response: new Response(),
  })) as never);
  renderScreen(<ReviewsPanel locationId="loc-a" today="2030-06-10" />);
  await screen.findByText('Q2');
  const rows = [...document.querySelectorAll('[data-campaign-row]')].map((r) => r.getAttribute('data-campaign-row'));
  expect(rows).toEqual(['c-late', 'c-done']);
  expect(document.querySelector('[data-campaign-row="c-late"]')).toHaveTextContent('1 of 4overdue');
  fireEvent.click(screen.getByRole('button', { name: 'Open Q2' }));
  expect(await screen.findByText('s-ann')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Confirm' })).toBeInTheDocument();
  expect(get.mock.calls.map((c) => (c as unknown[])[0])).toEqual([
    '/api/v1/compliance/access-reviews',
    '/api/v1/compliance/access-reviews/{campaign_id}',
  ]);
});

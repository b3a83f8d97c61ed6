import { fireEvent, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { api } from '../api/client';
import { renderScreen } from '../test/render';
import type { WaitlistEntry } from './waitlist';
import { WaitlistPanel } from './WaitlistPanel';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] }); // only the clock: queries still settle
  vi.setSystemTime(new Date('2031-07-14T20:05:00Z')); // 13:05 in Los Angeles
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const entry = (id: string, patient_id: string, offer: WaitlistEntry['offer'] = null): WaitlistEntry => ({
  id,
  patient_id,
  location_id: 'loc-a',
  appointment_type_id: 't-visit',
  provider_id: 'p1',
  earliest: '2031-07-15',
  latest: '2031-07-18',
  priority: 0,
  status: offer ? 'offered' : 'waiting',
  created_at: '2031-07-01T00:00:00Z',
  offer,
});
const held = {
  id: 'o-1',
  entry_id: 'w-2',
  provider_id: 'p1',
  room_id: null,
  start: '2031-07-15T16:00:00Z',
  end: '2031-07-15T16:30:00Z',
  expires_at: '2031-07-14T20:30:00Z',
  status: 'offered',
};
const waitlist = [entry('w-1', 'pt-bo'), entry('w-2', 'pt-ann', held)];
const patients: Record<string, object> = {
  'pt-ann': { id: 'pt-ann', given_name: 'Ann', family_name: 'Lee' },
  'pt-bo': { id: 'pt-bo', given_name: 'Bo', family_name: 'Park' },
};

function answers(waiting: unknown) {
  return vi.spyOn(api, 'GET').mockImplementation((async (path: string, options: { params: { path: Record<string, string> } }) => {
    if (path === '/api/v1/scheduling/locations/{location_id}/waitlist') return waiting;
    if (path === '/api/v1/scheduling/patients/{patient_id}')
      return { data: patients[options.params.path.patient_id], response: new Response() };
    if (path === '/api/v1/scheduling/locations/{location_id}/appointment-types')
      return { data: [{ id: 't-visit', name: 'Office visit', duration_minutes: 30 }], response: new Response() };
    throw new Error(`unexpected GET ${path}`);
  }) as never);
}

test('the held slot comes first, in the location’s time, and Accept books it for the patient', async () => {
  answers({ data: waitlist, response: new Response() });
  const post = vi.spyOn(api, 'POST').mockImplementation((async () => ({
    data: { id: 'a-1', start: held.start, end: held.end, status: 'booked' },
    response: new Response(null, { status: 201 }),
  })) as never);
  renderScreen(<WaitlistPanel locationId="loc-a" timeZone="America/Los_Angeles" providerName={() => 'Dr Ames'} />);
  await screen.findByText('Lee, Ann');
  const rows = [...document.querySelectorAll('[data-waitlist-entry]')].map((r) => r.getAttribute('data-waitlist-entry'));
  expect(rows).toEqual(['w-2', 'w-1']);
  const offer = document.querySelector('[data-offer="o-1"]')!;
  expect(offer).toHaveTextContent('Offered Tue, Jul 15 09:00–09:30');
  expect(offer).toHaveTextContent('Held until 13:30 (25 min left)');
  expect(document.querySelector('[data-waitlist-entry="w-1"]')).toHaveTextContent('Office visit · Tue, Jul 15 – Fri, Jul 18 · with Dr Ames');
  expect(screen.queryByRole('button', { name: 'Accept the offer for Park, Bo' })).toBeNull();
  // jsdom cannot compute colours (nor draw): contrast is left to the browser run (e2e), the rest is checked here.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  const audit = await axe.run(document.querySelector('[data-waitlist]')!, { rules: { 'color-contrast': { enabled: false } } });
  expect(audit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  fireEvent.click(screen.getByRole('button', { name: 'Accept the offer for Lee, Ann' }));
  await waitFor(() => expect(screen.getByText('Booked Lee, Ann: Tue, Jul 15 09:00–09:30.')).toBeInTheDocument());
  expect(post).toHaveBeenCalledTimes(1);
  expect(post.mock.calls[0][0]).toBe('/api/v1/scheduling/waitlist/offers/{offer_id}/accept');
  expect(post.mock.calls[0][1]).toEqual({ params: { path: { offer_id: 'o-1' } } });
});

test('a refusal shows in the service’s words', async () => {
  answers({ data: waitlist, response: new Response() });
  vi.spyOn(api, 'POST').mockImplementation((async () => ({
    error: { error: 'conflict', message: 'the hold on this slot has expired' },
    response: new Response(null, { status: 409 }),
  })) as never);
  renderScreen(<WaitlistPanel locationId="loc-a" timeZone="America/Los_Angeles" />);
  fireEvent.click(await screen.findByRole('button', { name: 'Decline the offer for Lee, Ann' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('the hold on this slot has expired');
});

test('a role that may not read the waitlist sees no panel at all', async () => {
  const get = answers({ error: { error: 'forbidden', message: 'no' }, response: new Response(null, { status: 403 }) });
  const { container } = renderScreen(<WaitlistPanel locationId="loc-a" timeZone="UTC" />);
  await waitFor(() => expect(get).toHaveBeenCalled());
  await waitFor(() => expect(container.querySelector('[data-waitlist]')).toBeNull());
  expect(screen.queryByRole('alert')).toBeNull();
});

import { screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from '../api/client';
import { renderScreen } from '../test/render';
import { Worklist } from './Worklist';

afterEach(() => vi.restoreAllMocks());

const rows = [
  { claim_id: 'c-paid-0001', status: 'paid', patient_id: 'p-000001', total: '90.00', reason: '835 payment r1' },
  { claim_id: 'c-held-0002', status: 'draft', patient_id: 'p-000002', total: '0.00', reason: 'charge_amount: lines[1].charge_amount' },
  { claim_id: 'c-deny-0003', status: 'denied', patient_id: 'p-000003', total: '175.50', reason: 'denied (CARC 50)' },
];

test("a biller's worklist groups claims by status with the scrubber's field and the CARC, without reading names", async () => {
  // The typed client's answer, as openapi-fetch gives it (jsdom cannot fetch the app's relative URLs).
  const get = vi.spyOn(api, 'GET').mockImplementation((async (path: string) =>
    path.endsWith('/claims') ? { data: rows, response: new Response() } : { error: {}, response: new Response(null, { status: 403 }) }) as never);
  renderScreen(<Worklist locationId="loc-a" roles={['biller']} />);
  expect(await screen.findByText('Held by the scrubber · 1 · $0.00')).toBeInTheDocument();
  const groups = [...document.querySelectorAll('[data-status-group]')].map((g) => g.getAttribute('data-status-group'));
  expect(groups).toEqual(['draft', 'denied', 'paid']);
  expect(screen.getByText('charge_amount: lines[1].charge_amount')).toBeInTheDocument();
  expect(screen.getByText('Denied, CARC 50')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Patient p-000003' })).toHaveAttribute('href', '/patients/p-000003');
  expect(get.mock.calls.map((call) => (call as unknown[])[0])).toEqual(['/api/v1/billing/locations/{location_id}/claims']);
});

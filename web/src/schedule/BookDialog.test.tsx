import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from '../api/client';
import { renderScreen } from '../test/render';
import { BookDialog } from './BookDialog';

afterEach(() => vi.restoreAllMocks());

const slot = { provider_id: 'p1', start: '2031-07-15T16:00:00Z', end: '2031-07-15T16:30:00Z', room_ids: ['r1'] };
const gets: Record<string, unknown> = {
  '/api/v1/scheduling/patients': { items: [{ id: 'pt-ann', given_name: 'Ann', family_name: 'Lee', birth_date: '1980-02-03' }] },
  '/api/v1/scheduling/locations/{location_id}/appointment-types': [{ id: 't-visit', name: 'Office visit', duration_minutes: 30 }],
  '/api/v1/scheduling/slots': [slot],
};

async function chooseTheFirstOpenTime() {
  vi.spyOn(api, 'GET').mockImplementation((async (path: string) => ({ data: gets[path], response: new Response() })) as never);
  renderScreen(
    <BookDialog
      target={{ providerId: 'p1', providerName: 'Dr Ames', day: '2031-07-15', minutes: 9 * 60 }}
      locationId="loc-a"
      timeZone="America/Los_Angeles"
      onClose={() => {}}
    />,
  );
  // The dropdowns' options count as hidden in jsdom while their opening transition runs.
  const user = userEvent.setup();
  await user.type(screen.getByRole('combobox', { name: 'Patient' }), 'Le');
  await user.click(await screen.findByRole('option', { name: /Lee, Ann/, hidden: true }));
  await user.click(screen.getByRole('combobox', { name: 'Appointment type' }));
  await user.click(await screen.findByRole('option', { name: /Office visit/, hidden: true }));
  await waitFor(() => expect(screen.getByRole('radio', { name: '09:00' })).toBeChecked());
}

test('a weekly series for a count is booked in one call and the dialog says how many', async () => {
  await chooseTheFirstOpenTime();
  const post = vi.spyOn(api, 'POST').mockImplementation((async () => ({
    data: [0, 7, 14].map((d) => ({ ...slot, id: `a-${d}`, start: `2031-07-${15 + d}T16:00:00Z`, status: 'booked' })),
    response: new Response(null, { status: 201 }),
  })) as never);
  fireEvent.click(screen.getByRole('checkbox', { name: /Repeat/ }));
  fireEvent.change(screen.getByRole('textbox', { name: 'Appointments in all' }), { target: { value: '3' } });
  fireEvent.click(screen.getByRole('button', { name: 'Book' }));
  expect(await screen.findByText('Booked 3 appointments')).toBeInTheDocument();
  expect(screen.getByText('From Tue, Jul 15 09:00 to Tue, Jul 29 09:00.')).toBeInTheDocument();
  expect(post.mock.calls[0][0]).toBe('/api/v1/scheduling/appointment-series');
  expect(post.mock.calls[0][1]).toEqual({
    body: {
      location_id: 'loc-a',
      patient_id: 'pt-ann',
      provider_id: 'p1',
      appointment_type_id: 't-visit',
      start: slot.start,
      end: slot.end,
      room_id: 'r1',
      every: 1,
      unit: 'week',
      count: 3,
    },
  });
});

test('a series refused by the service shows its reason in the dialog', async () => {
  await chooseTheFirstOpenTime();
  vi.spyOn(api, 'POST').mockImplementation((async () => ({
    error: { error: 'conflict', message: 'p1 is booked on 2031-07-22 at 09:00' },
    response: new Response(null, { status: 409 }),
  })) as never);
  fireEvent.click(screen.getByRole('checkbox', { name: /Repeat/ }));
  fireEvent.click(screen.getByRole('radio', { name: 'On a date' }));
  expect(screen.getByRole('button', { name: 'Book' })).toBeDisabled(); // no last day yet
  fireEvent.change(screen.getByLabelText('Last day'), { target: { value: '2031-08-15' } });
  fireEvent.click(screen.getByRole('button', { name: 'Book' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('p1 is booked on 2031-07-22 at 09:00');
});

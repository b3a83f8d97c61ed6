import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from '../api/client';
import { json, renderScreen } from '../test/render';
import { BookPanel } from './BookPanel';
import type { TaskDetail } from './tasks';

afterEach(() => vi.restoreAllMocks());

const request = {
  id: 't-req',
  title: 'Appointment request: new patient visit',
  category: 'appointment_request',
  status: 'requested',
  priority: 'routine',
  role: 'front_desk',
  location_id: 'loc-a',
  patient_id: 'p-1',
  owner: 'desk-1',
  focus: { service: 'inbox', kind: 'message', id: 'm-1' },
  notes: [],
  history: [],
} as unknown as TaskDetail;
const names: Record<string, string> = { 's-ann': 'Ann Lee', 's-bo': 'Bo Park' };
const nameOf = (id: string) => names[id] ?? id;
// Monday 2031-03-10, on PDT: 16:00Z is 09:00 at the location.
const slots = [
  { provider_id: 's-bo', start: '2031-03-10T16:00:00Z', end: '2031-03-10T16:30:00Z', room_ids: ['room-1'] },
  { provider_id: 's-ann', start: '2031-03-10T16:00:00Z', end: '2031-03-10T16:30:00Z', room_ids: ['room-2', 'room-3'] },
];

/** Scheduling and the inbox as the panel meets them; every read and write is answered by its path. */
function gateway({ bookingRefusal }: { bookingRefusal?: string } = {}) {
  const get = vi.spyOn(api, 'GET').mockImplementation((async (path: string) => {
    const answers: Record<string, unknown> = {
      '/api/v1/scheduling/locations/{location_id}/appointment-types': [
        { id: 'type-new', name: 'New patient', duration_minutes: 30, buffer_minutes: 0, location_id: 'loc-a', provider_roles: [], requires_dea: false },
      ],
      '/api/v1/scheduling/slots': slots,
      '/api/v1/scheduling/patients/{patient_id}': { id: 'p-1', given_name: 'Rosa', family_name: 'Diaz', birth_date: '1990-01-01' },
    };
    return { data: answers[path], response: new Response() };
  }) as never);
  const post = vi.spyOn(api, 'POST').mockImplementation((async (path: string) => {
    if (path === '/api/v1/scheduling/appointments' && bookingRefusal)
      return { error: { error: 'conflict', message: bookingRefusal, field: null }, response: json({}, 409) };
    return { data: { id: 'a-1' }, response: new Response() };
  }) as never);
  return { get, post };
}

async function chooseSlot() {
  renderScreen(<BookPanel task={request} timeZone="America/Los_Angeles" nameOf={nameOf} mayComplete />);
  const user = userEvent.setup();
  // The task names its patient: she is chosen already.
  expect(await screen.findByDisplayValue('Diaz, Rosa (named by the task)')).toBeInTheDocument();
  await user.click(screen.getByRole('combobox', { name: 'Appointment type' }));
  // jsdom never ends Mantine's opening transition, so the options count as hidden.
  await user.click(await screen.findByRole('option', { name: 'New patient (30 min)', hidden: true }));
  fireEvent.change(screen.getByLabelText('Day'), { target: { value: '2031-03-10' } });
  const times = await screen.findByRole('radiogroup', { name: 'Open times on Mon, Mar 10' });
  expect([...times.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['09:00–09:30 · Ann Lee', '09:00–09:30 · Bo Park']);
  await user.click(screen.getByRole('radio', { name: '09:00–09:30 · Ann Lee' }));
  await expectNoSeriousAxeViolations();
  await user.click(screen.getByRole('button', { name: 'Book' }));
  return user;
}

test('the desk books an open slot for the task’s patient, then completes the task', async () => {
  const { get, post } = gateway();
  const user = await chooseSlot();
  expect(await screen.findByRole('status')).toHaveTextContent('Mon, Mar 10 09:00–09:30 with Ann Lee.');
  const slotRead = get.mock.calls.filter((c) => c[0] === '/api/v1/scheduling/slots').at(-1)!; // the last: the day chosen
  expect(slotRead[1]).toEqual({
    params: { query: { location_id: 'loc-a', appointment_type_id: 'type-new', first_day: '2031-03-10', last_day: '2031-03-10' } },
  });
  const booking = post.mock.calls[0] as unknown as [string, { body: unknown }];
  expect(booking[0]).toBe('/api/v1/scheduling/appointments');
  expect(booking[1].body).toEqual({
    location_id: 'loc-a',
    patient_id: 'p-1',
    appointment_type_id: 'type-new',
    provider_id: 's-ann',
    start: '2031-03-10T16:00:00Z',
    end: '2031-03-10T16:30:00Z',
    room_id: 'room-2',
  });
  await user.click(screen.getByRole('button', { name: 'Complete the task' }));
  await vi.waitFor(() => expect(post).toHaveBeenCalledTimes(2));
  expect(post.mock.calls[1][0]).toBe('/api/v1/inbox/tasks/{task_id}/status');
  expect(post.mock.calls[1][1]).toEqual({ params: { path: { task_id: 't-req' } }, body: { status: 'completed', reason: '' } });
});

test('a slot taken meanwhile is refused in the service’s words, and the task stays open', async () => {
  const { post } = gateway({ bookingRefusal: 'provider s-ann is already booked at 2031-03-10T16:00:00Z' });
  await chooseSlot();
  expect(await screen.findByRole('alert')).toHaveTextContent('provider s-ann is already booked');
  expect(screen.queryByRole('button', { name: 'Complete the task' })).not.toBeInTheDocument();
  expect(post).toHaveBeenCalledTimes(1);
});

/** Axe on what is on screen (jsdom cannot judge contrast; the browser tests do). */
async function expectNoSeriousAxeViolations() {
  const { violations } = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

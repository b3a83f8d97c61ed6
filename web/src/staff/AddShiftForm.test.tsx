import { fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { api, type StaffMember } from '../api/client';
import { json, renderScreen } from '../test/render';
import { AddShiftForm } from './AddShiftForm';
import { weekDays } from './week';

afterEach(() => vi.restoreAllMocks());

const member = (id: string, given: string, family: string) =>
  ({ id, given_name: given, family_name: family, role: 'physician', home_location_id: 'loc-a', location_ids: ['loc-a'], hired_on: '2020-01-01', terminated_on: null }) as StaffMember;
const members = [member('p1', 'Dana', 'Lee'), member('p2', 'Ari', 'Berg')];
const days = weekDays('2031-03-10');

function fill(staff: string, day: string, start: string, end: string) {
  fireEvent.change(screen.getByRole('combobox', { name: 'Member' }), { target: { value: staff } });
  fireEvent.change(screen.getByRole('combobox', { name: 'Day' }), { target: { value: day } });
  fireEvent.change(screen.getByLabelText('Starts'), { target: { value: start } });
  fireEvent.change(screen.getByLabelText(/^Ends/), { target: { value: end } });
  fireEvent.click(screen.getByRole('button', { name: 'Add shift' }));
}

test('a manager adds a shift in local times at the location, no offset, and is told it was added', async () => {
  const post = vi.spyOn(api, 'POST').mockImplementation((async (_path: string, options: { body: Record<string, string> }) => ({
    data: { id: 'sh-1', status: 'scheduled', template_id: null, ...options.body },
    response: new Response(),
  })) as never);
  renderScreen(<AddShiftForm locationId="loc-a" members={members} days={days} initialDay="2031-03-10" />);
  fill('p1', '2031-03-11', '08:00', '18:00');
  expect(await screen.findByRole('status')).toHaveTextContent('Lee, Dana: Tue, Mar 11 08:00–18:00');
  expect(post).toHaveBeenCalledTimes(1);
  expect(post.mock.calls[0][0]).toBe('/api/v1/staff/shifts');
  expect(post.mock.calls[0][1]).toEqual({
    body: { location_id: 'loc-a', staff_id: 'p1', start: '2031-03-11T08:00:00', end: '2031-03-11T18:00:00' },
  });
});

test('an overlap is refused by the server and its message shown in place', async () => {
  const message = 'the shift overlaps another of the member’s shifts';
  vi.spyOn(api, 'POST').mockImplementation((async () => ({
    error: { error: 'conflict', message },
    response: json({ error: 'conflict', message }, 409),
  })) as never);
  renderScreen(<AddShiftForm locationId="loc-a" members={members} days={days} initialDay="2031-03-10" />);
  fill('p2', '2031-03-12', '22:00', '06:00');
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent(message);
  expect(alert).not.toHaveTextContent('409');
});

test('a shift without a member is not sent', () => {
  const post = vi.spyOn(api, 'POST');
  renderScreen(<AddShiftForm locationId="loc-a" members={members} days={days} initialDay="2031-03-10" />);
  fill('', '2031-03-12', '08:00', '12:00');
  expect(screen.getByRole('alert')).toHaveTextContent('Choose who works the shift.');
  expect(post).not.toHaveBeenCalled();
});

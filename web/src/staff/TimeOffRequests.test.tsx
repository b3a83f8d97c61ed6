import { fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from '../api/client';
import { renderScreen } from '../test/render';
import type { TimeOff } from './timeoff';
import { TimeOffRequests } from './TimeOffRequests';

afterEach(() => vi.restoreAllMocks());

const request = (id: string, staff_id: string, start: string, end: string, reason: string | null): TimeOff => ({
  id,
  staff_id,
  start,
  end,
  reason,
  status: 'requested',
  requested_by: staff_id,
  decided_by: null,
  decision_note: null,
});
const pending = [
  request('t-1', 's-ann', '2031-03-11T16:00:00Z', '2031-03-12T00:00:00Z', 'dentist'),
  request('t-2', 's-bo', '2031-03-17T16:00:00Z', '2031-03-21T01:00:00Z', null),
];
const names: Record<string, string> = { 's-ann': 'Ann Lee', 's-bo': 'Bo Park' };

test('a manager sees each pending request in local time and approves one with a note, in its row', async () => {
  const post = vi.spyOn(api, 'POST').mockImplementation((async (_path: string, options: { body: { note: string | null } }) => ({
    data: { ...pending[0], status: 'approved', decided_by: 'om-1', decision_note: options.body.note },
    response: new Response(),
  })) as never);
  renderScreen(<TimeOffRequests requests={pending} timeZone="America/Los_Angeles" nameOf={(id) => names[id]} />);
  const rows = [...document.querySelectorAll('[data-time-off-row]')].map((r) => r.textContent);
  expect(rows[0]).toContain('Ann Lee');
  expect(rows[0]).toContain('Tue, Mar 11 09:00–17:00');
  expect(rows[0]).toContain('dentist');
  expect(rows[1]).toContain('Mon, Mar 17 09:00 – Thu, Mar 20 18:00');
  fireEvent.change(screen.getByRole('textbox', { name: 'Note to Ann Lee (optional)' }), { target: { value: 'enjoy' } });
  fireEvent.click(screen.getByRole('button', { name: 'Approve Ann Lee’s time off' }));
  expect(await screen.findByRole('status')).toHaveTextContent('Ann Lee: Tue, Mar 11 09:00–17:00 (dentist). Note: enjoy');
  expect(post).toHaveBeenCalledTimes(1);
  expect(post.mock.calls[0][0]).toBe('/api/v1/staff/time-off/{time_off_id}/approve');
  expect(post.mock.calls[0][1]).toEqual({ params: { path: { time_off_id: 't-1' } }, body: { note: 'enjoy' } });
});

test('with nothing pending the manager is told so', () => {
  renderScreen(<TimeOffRequests requests={[]} timeZone="UTC" nameOf={(id) => id} />);
  expect(screen.getByText('No time-off request is waiting for a decision.')).toBeInTheDocument();
});

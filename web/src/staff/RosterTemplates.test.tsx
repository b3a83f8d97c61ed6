import { fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { api } from '../api/client';
import { json, renderScreen } from '../test/render';
import { RosterTemplates } from './RosterTemplates';
import { weekDays, type Shift } from './week';

afterEach(() => vi.restoreAllMocks());

const days = weekDays('2031-03-10');
// 12:00Z–22:00Z is 08:00–18:00 in New York on Tuesday 2031-03-11 (EDT).
const shifts: Shift[] = [
  { id: 's1', staff_id: 'p1', location_id: 'loc-a', start: '2031-03-11T12:00:00Z', end: '2031-03-11T22:00:00Z', status: 'scheduled', template_id: null },
];

/** The staff service in miniature: templates saved by POST are listed by GET; a generation clashes. */
function staffService(conflict: string) {
  const saved: unknown[] = [];
  const get = vi.spyOn(api, 'GET').mockImplementation((async () => ({ data: [...saved], response: new Response() })) as never);
  const post = vi.spyOn(api, 'POST').mockImplementation((async (path: string, options: { body: { name: string } }) => {
    if (path.endsWith('/generate')) return { error: { error: 'conflict', message: conflict }, response: json({}, 409) };
    const template = { id: `tpl-${saved.length + 1}`, location_id: 'loc-a', ...options.body };
    saved.push(template);
    return { data: template, response: new Response() };
  }) as never);
  return { get, post };
}

test('the week is saved as a template, listed from the service, and filling weeks that clash shows the conflict', async () => {
  const conflict = 'Lee, Dana already works 2031-03-11 08:00–18:00';
  const { get, post } = staffService(conflict);
  renderScreen(<RosterTemplates locationId="loc-a" timeZone="America/New_York" days={days} shifts={shifts} />);
  expect(await screen.findByText(/No template saved at this location yet/)).toBeInTheDocument();
  expect(get).toHaveBeenCalledWith('/api/v1/staff/locations/{location_id}/roster-templates', { params: { path: { location_id: 'loc-a' } } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Template name' }), { target: { value: 'Spring week' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save this week as a template' }));
  expect(await screen.findByRole('status')).toHaveTextContent('Saved “Spring week”: 1 shift a week.');
  expect(post.mock.calls[0][1]).toEqual({
    params: { path: { location_id: 'loc-a' } },
    body: { name: 'Spring week', entries: [{ staff_id: 'p1', weekday: 1, start: '08:00', end: '18:00' }] },
  });
  // The list is read again from the service, not kept in the screen.
  expect(await screen.findByRole('combobox', { name: 'Template' })).toHaveDisplayValue('Spring week (1 shift a week)');
  fireEvent.change(screen.getByRole('textbox', { name: 'Weeks' }), { target: { value: '6' } });
  fireEvent.click(await screen.findByRole('button', { name: /^Fill .* – .* from this template$/ }));
  expect(await screen.findByRole('alert')).toHaveTextContent(conflict);
  expect(post.mock.calls[1]).toEqual([
    '/api/v1/staff/roster-templates/{template_id}/generate',
    { params: { path: { template_id: 'tpl-1' } }, body: { first_day: '2031-03-10', last_day: '2031-04-20' } },
  ]);
});

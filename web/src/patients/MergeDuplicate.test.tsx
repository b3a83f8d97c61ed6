import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, expect, test, vi } from 'vitest';
import { api, type Patient } from '../api/client';
import { json, renderScreen } from '../test/render';
import { MergeDuplicate } from './MergeDuplicate';

afterEach(() => vi.restoreAllMocks());

const person = (id: string, given_name: string, phone: string | null): Patient => ({
  id,
  given_name,
  family_name: 'Lee',
  birth_date: '1980-04-02',
  sex: 'female',
  location_id: 'loc-a',
  phone,
  email: null,
});
const ann = person('p-1', 'Ann', '555-0101');
const anne = person('p-2', 'Anne', null);

/** The search answers both records; the test picks the duplicate and opens the confirmation. */
async function chooseDuplicate() {
  vi.spyOn(api, 'GET').mockImplementation((async () => ({
    data: { items: [ann, anne], limit: 20, offset: 0, next_offset: null },
    response: new Response(),
  })) as never);
  renderScreen(<MergeDuplicate survivor={ann} />);
  const user = userEvent.setup();
  await user.type(screen.getByRole('combobox', { name: 'Duplicate record' }), 'Le');
  // jsdom never ends Mantine's opening transition, so the options count as hidden; the survivor is never offered.
  const options = await screen.findAllByRole('option', { hidden: true });
  expect(options.map((o) => o.textContent)).toEqual(['Lee, Anne (born 1980-04-02)']);
  await user.click(options[0]);
  const differing = [...document.querySelectorAll('[data-differs] th')].map((th) => th.textContent);
  expect(differing).toEqual(['Name', 'Phone']);
  await user.click(screen.getByRole('button', { name: 'Merge…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Merge these records?' });
  expect(dialog).toHaveTextContent('Lee, Anne’s appointments move to Lee, Ann, and Lee, Anne is marked merged.');
  await expectNoSeriousAxeViolations();
  return { user, dialog };
}

test('a manager finds the duplicate, compares, confirms, and is told what moved', async () => {
  const post = vi.spyOn(api, 'POST').mockImplementation((async () => ({
    data: { survivor: ann, duplicate_id: 'p-2', appointments_moved: 2 },
    response: new Response(),
  })) as never);
  const { user, dialog } = await chooseDuplicate();
  expect(post).not.toHaveBeenCalled(); // nothing is merged before the confirmation
  await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
  expect(await screen.findByRole('status')).toHaveTextContent('Lee, Anne merged into Lee, Ann: 2 appointments moved.');
  expect(post).toHaveBeenCalledTimes(1);
  expect(post.mock.calls[0][0]).toBe('/api/v1/scheduling/patients/{survivor_id}/merge');
  expect(post.mock.calls[0][1]).toEqual({ params: { path: { survivor_id: 'p-1' } }, body: { duplicate_id: 'p-2' } });
});

test('a refusal is shown in the confirmation, in the service’s words', async () => {
  vi.spyOn(api, 'POST').mockImplementation((async () => ({
    error: { error: 'conflict', message: 'patient p-2 has a checked-in appointment', field: null },
    response: json({}, 409),
  })) as never);
  const { user, dialog } = await chooseDuplicate();
  await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('patient p-2 has a checked-in appointment');
  expect(screen.queryByRole('status')).not.toBeInTheDocument();
});

/** Axe on what is on screen (jsdom cannot judge contrast; the browser tests do). */
async function expectNoSeriousAxeViolations() {
  const { violations } = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, expect, test, vi } from 'vitest';
import { api, type Patient } from '../api/client';
import { renderScreen } from '../test/render';
import { PatientPicker } from './PatientPicker';

afterEach(() => vi.restoreAllMocks());

const lee: Patient = {
  id: 'p-1',
  given_name: 'Ann',
  family_name: 'Lee',
  birth_date: '1980-04-02',
  sex: 'female',
  location_id: 'loc-a',
  phone: null,
  email: null,
};

function answerSearchWith(items: Patient[]) {
  return vi.spyOn(api, 'GET').mockImplementation((async () => ({
    data: { items, limit: 20, offset: 0, next_offset: null },
    response: new Response(),
  })) as never);
}

/** A form that keeps the choice and can reset it, as the book dialog does after a series. */
function Form({ onPick }: { onPick: (id: string | null, p: Patient | null) => void }) {
  const [id, setId] = useState<string | null>(null);
  return (
    <>
      <PatientPicker value={id} onChange={(v, p) => (setId(v), onPick(v, p))} pinned={{ id: 'p-9', label: 'Kim, Bo (named by the task)' }} />
      <button onClick={() => setId(null)}>Reset</button>
    </>
  );
}

test('a pinned patient comes first, a found one hands back its record, and a reset clears the typed name', async () => {
  const search = answerSearchWith([lee]);
  const picked = vi.fn();
  renderScreen(<Form onPick={picked} />);
  const user = userEvent.setup();
  const box = screen.getByRole('combobox', { name: 'Patient' });
  await user.type(box, 'Le');
  const options = await screen.findAllByRole('option', { hidden: true });
  expect(options.map((o) => o.textContent)).toEqual(['Kim, Bo (named by the task)', 'Lee, Ann (1980-04-02)']);
  expect(search).toHaveBeenCalledWith('/api/v1/scheduling/patients', { params: { query: { name: 'Le', limit: 20 } } });
  await user.click(options[1]);
  expect(picked).toHaveBeenLastCalledWith('p-1', lee);
  expect(box).toHaveValue('Lee, Ann (1980-04-02)');
  await user.click(screen.getByRole('button', { name: 'Reset' }));
  expect(box).toHaveValue('');
});

test('one letter is not searched', async () => {
  const search = answerSearchWith([lee]);
  renderScreen(<PatientPicker value={null} onChange={() => {}} />);
  await userEvent.setup().type(screen.getByRole('combobox', { name: 'Patient' }), 'L');
  expect(search).not.toHaveBeenCalled();
});

import { fireEvent, screen } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { renderScreen } from '../test/render';
import { RosterGrid } from './RosterGrid';
import { weekDays, type RosterRow } from './week';

const days = weekDays('2031-03-10');
const row: RosterRow = {
  staffId: 'p1',
  name: 'Lee, Dana',
  role: 'physician',
  shifts: 1,
  days: days.map((_, i) =>
    i === 1
      ? [
          { id: 's1', from: '08:00', to: '18:00', overnight: false, status: 'scheduled', away: false },
          { id: 's0', from: '19:00', to: '20:00', overnight: false, status: 'cancelled', away: false },
        ]
      : [],
  ),
};

test('each scheduled shift has a cancel button named for the member and the time; the cell still reads the time', () => {
  const onCancel = vi.fn();
  renderScreen(<RosterGrid rows={[row]} days={days} today="2031-03-11" onCancel={onCancel} />);
  const cell = document.querySelector('[data-roster] tr[data-member="Lee, Dana"] td[data-day="2031-03-11"]')!;
  expect(cell.textContent).toContain('08:00–18:00');
  expect(screen.getAllByRole('button')).toHaveLength(1); // a cancelled shift cannot be cancelled again
  fireEvent.click(screen.getByRole('button', { name: 'Cancel Lee, Dana’s shift Tue, Mar 11 08:00–18:00' }));
  expect(onCancel).toHaveBeenCalledWith({ shiftId: 's1', member: 'Lee, Dana', when: 'Tue, Mar 11 08:00–18:00' });
});

import { expect, test } from 'vitest';
import { touchesInbox } from './live';

test('task events and a reset refetch the inbox; other topics do not', () => {
  expect(touchesInbox({ event: 'inbox.task', data: { type: 'inbox.task.assigned', task_id: 't1' } })).toBe(true);
  expect(touchesInbox({ event: 'message', data: { type: 'inbox.task.created' } })).toBe(true);
  expect(touchesInbox({ event: 'reset', data: {} })).toBe(true);
  expect(touchesInbox({ event: 'scheduling.appointment', data: { type: 'scheduling.appointment.booked' } })).toBe(false);
  expect(touchesInbox({ event: 'inbox.invoice', data: { type: 'inbox.invoice.approved' } })).toBe(false);
});

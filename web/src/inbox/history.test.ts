import { expect, test } from 'vitest';
import { describeEntry, fileSize, money, newestFirst, signed } from './history';
import { namer } from './people';

const nameOf = namer('om-1', [{ id: 'st-9', given_name: 'Fran', family_name: 'Desk' }]);
const entry = (action: string, details: Record<string, unknown> = {}, actor = 'om-1') => ({
  at: '2031-07-15T09:00:00Z',
  actor,
  action,
  details,
});

test('history lines name people and say what changed', () => {
  expect(describeEntry(entry('created', { cause: 'manual:x' }), nameOf)).toBe('you opened it');
  expect(describeEntry(entry('assigned', { owner: 'st-9', previous_owner: null }), nameOf)).toBe('you assigned it to Fran Desk');
  expect(describeEntry(entry('assigned', { owner: 'st-9', previous_owner: 'u-7' }), nameOf)).toBe(
    'you assigned it to Fran Desk (was u-7)',
  );
  expect(describeEntry(entry('claimed', { owner: 'st-9' }, 'st-9'), nameOf)).toBe('Fran Desk claimed it');
  expect(describeEntry(entry('moved', { role: 'biller', previous_role: 'front_desk' }), nameOf)).toBe(
    'you moved it to the Biller pool (was Front desk)',
  );
  expect(describeEntry(entry('cancelled', { reason: 'sent twice', previous_status: 'accepted' }), nameOf)).toBe(
    'you cancelled it: sent twice',
  );
  expect(describeEntry(entry('completed', { reason: 'bulk complete' }), nameOf)).toBe('you completed it with others at once');
  expect(describeEntry(entry('completed', { resolved_by: 'billing.claim.paid:e1' }, 'system'), nameOf)).toBe(
    'the inbox completed it (resolved by billing.claim.paid:e1)',
  );
  expect(describeEntry(entry('escalated', { previous_priority: 'routine', priority: 'urgent' }, 'system'), nameOf)).toBe(
    'Escalated: overdue, priority raised from routine to urgent',
  );
  expect(describeEntry(entry('in-progress', { previous_status: 'accepted' }, 'st-9'), nameOf)).toBe('Fran Desk started it');
  expect(describeEntry(entry('something_new'), nameOf)).toBe('you: something_new');
});

test('the newest history comes first', () => {
  const lines = newestFirst([{ at: '2031-07-15T09:00:00Z' }, { at: '2031-07-15T11:00:00Z' }, { at: '2031-07-15T10:00:00Z' }]);
  expect(lines.map((l) => l.at.slice(11, 13))).toEqual(['11', '10', '09']);
});

test('sizes and amounts as people read them', () => {
  expect([fileSize(512), fileSize(12_595), fileSize(4 * 1024 * 1024)]).toEqual(['512 B', '12.3 KB', '4.0 MB']);
  expect([money('7.3'), money(null), signed('0.30'), signed('-0.5'), signed('0.00'), signed(null)]).toEqual([
    '7.30',
    '—',
    '+0.30',
    '-0.50',
    '0.00',
    '—',
  ]);
});

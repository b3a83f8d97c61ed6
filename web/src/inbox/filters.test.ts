import { expect, test } from 'vitest';
import { bulkSummary, keepListed, listQuery, NO_FILTERS, tabsFor } from './filters';

test('each tab asks for its view at the chosen location; overdue looks at everything the user may see', () => {
  expect(listQuery('mine', NO_FILTERS, 'loc-a')).toEqual({ view: 'mine', location_id: 'loc-a', limit: 200 });
  expect(listQuery('queue', { category: 'claim', priority: 'stat' }, 'loc-a')).toEqual({
    view: 'queue',
    location_id: 'loc-a',
    limit: 200,
    category: 'claim',
    priority: 'stat',
  });
  expect(listQuery('overdue', NO_FILTERS, 'loc-b')).toEqual({ view: 'all', location_id: 'loc-b', limit: 200, overdue: true });
  expect(listQuery('all', NO_FILTERS, 'loc-a').view).toBe('all');
});

test('every pool at once is a tab for managers only', () => {
  expect(tabsFor(false).map((t) => t.label)).toEqual(['My tasks', "My role's queue", 'Overdue']);
  expect(tabsFor(true).map((t) => t.value)).toEqual(['mine', 'queue', 'overdue', 'all']);
});

test('a selection keeps only tasks still listed, and is the same set when nothing left', () => {
  const selected = new Set(['a', 'b']);
  expect(keepListed(selected, [{ id: 'a' }, { id: 'b' }, { id: 'c' }])).toBe(selected);
  expect([...keepListed(selected, [{ id: 'b' }])]).toEqual(['b']);
});

test('a bulk answer says how many changed and why each other one did not', () => {
  const summary = bulkSummary({ done: ['a'], refused: { b: 'the task is completed' } }, (id) => `Task ${id}`);
  expect(summary).toEqual({ done: '1 task changed', refused: ['Task b: the task is completed'] });
  expect(bulkSummary({ done: ['a', 'b'], refused: {} }, String).done).toBe('2 tasks changed');
});

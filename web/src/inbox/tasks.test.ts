import { expect, test } from 'vitest';
import { categoryOptions, dueLabel, groupByPriority, isOverdue, sortTasks, type Task } from './tasks';

const hour = 3_600_000;
const task = (id: string, priority: Task['priority'], due_at: string | null, extra: Partial<Task> = {}) =>
  ({ id, priority, due_at, status: 'requested', created_at: '2031-07-01T09:00:00Z', ...extra }) as Task;

test('the most pressing come first, then the soonest due, a task without a due time last', () => {
  const sorted = sortTasks([
    task('routine-soon', 'routine', '2031-07-15T09:00:00Z'),
    task('urgent-late', 'urgent', '2031-07-16T09:00:00Z'),
    task('urgent-undated', 'urgent', null),
    task('urgent-early', 'urgent', '2031-07-15T08:00:00Z'),
    task('stat', 'stat', '2031-07-20T09:00:00Z'),
  ]);
  expect(sorted.map((t) => t.id)).toEqual(['stat', 'urgent-early', 'urgent-late', 'urgent-undated', 'routine-soon']);
});

test('equal priority and due time: the older task first, then by id, so the order never flickers', () => {
  const due = '2031-07-15T09:00:00Z';
  const sorted = sortTasks([
    task('b', 'asap', due, { created_at: '2031-07-02T00:00:00Z' }),
    task('c', 'asap', due, { created_at: '2031-07-01T00:00:00Z' }),
    task('a', 'asap', due, { created_at: '2031-07-02T00:00:00Z' }),
  ]);
  expect(sorted.map((t) => t.id)).toEqual(['c', 'a', 'b']);
});

test('groups follow priority order and leave out empty ones', () => {
  const groups = groupByPriority([task('r', 'routine', null), task('s', 'stat', null), task('r2', 'routine', null)]);
  expect(groups.map((g) => [g.label, g.tasks.map((t) => t.id)])).toEqual([
    ['Stat', ['s']],
    ['Routine', ['r', 'r2']],
  ]);
});

test('overdue is an open task past its due time, told from the clock', () => {
  const now = Date.now();
  const past = new Date(now - 2 * hour).toISOString();
  const future = new Date(now + 20 * 60_000).toISOString();
  expect(isOverdue(task('a', 'routine', past), now)).toBe(true);
  expect(isOverdue(task('b', 'routine', future), now)).toBe(false);
  expect(isOverdue(task('c', 'routine', null), now)).toBe(false);
  expect(isOverdue(task('d', 'routine', past, { status: 'completed' }), now)).toBe(false);
  expect(isOverdue(task('e', 'routine', future), now + hour)).toBe(true); // turns on while the screen is open
  expect(dueLabel(task('a', 'routine', past), now)).toBe('overdue by 2 h');
  expect(dueLabel(task('b', 'routine', future), now)).toBe('due in 20 min');
  expect(dueLabel(task('f', 'routine', new Date(now + 72 * hour).toISOString()), now)).toBe('due in 3 days');
  expect(dueLabel(task('c', 'routine', null), now)).toBe('no due time');
});

test('the category filter offers the known categories and any the list holds', () => {
  const options = categoryOptions(['claim', 'custom_thing']);
  expect(options).toContain('supplier_invoice');
  expect(options).toContain('custom_thing');
  expect(options.filter((c) => c === 'claim')).toHaveLength(1);
});

import { describe, expect, it } from 'vitest';
import { byColumn, moveBetween, movesFrom, type WorkOrder } from './board';

const order = (over: Partial<WorkOrder>): WorkOrder => ({
  work_order_id: 'w',
  title: 'Leaking sink',
  priority: 'medium',
  status: 'open',
  equipment_id: null,
  room_id: null,
  reported_at: '2030-01-01T10:00:00Z',
  ...over,
});

describe('work-order board', () => {
  it('puts each order in its status column, urgent then oldest first', () => {
    const columns = byColumn([
      order({ work_order_id: 'old', reported_at: '2030-01-01T09:00:00Z' }),
      order({ work_order_id: 'urgent', priority: 'urgent', reported_at: '2030-01-03T09:00:00Z' }),
      order({ work_order_id: 'new', reported_at: '2030-01-02T09:00:00Z' }),
      order({ work_order_id: 'busy', status: 'in_progress' }),
      order({ work_order_id: 'done', status: 'closed' }),
      order({ work_order_id: 'odd', status: 'lost' }),
    ]);
    expect(columns.open.map((o) => o.work_order_id)).toEqual(['urgent', 'old', 'new']);
    expect(columns.in_progress.map((o) => o.work_order_id)).toEqual(['busy']);
    expect(columns.resolved).toEqual([]);
    expect(columns.closed.map((o) => o.work_order_id)).toEqual(['done']);
  });
  it('offers the moves the life cycle allows', () => {
    expect(movesFrom('open').map((m) => m.to)).toEqual(['in_progress', 'resolved']);
    expect(movesFrom('in_progress').map((m) => m.route)).toEqual(['resolve']);
    expect(movesFrom('resolved').map((m) => [m.to, m.route])).toEqual([
      ['closed', 'close'],
      ['in_progress', 'start'],
    ]);
    expect(movesFrom('closed')).toEqual([]);
  });
  it('finds the move between two columns, or none', () => {
    expect(moveBetween('open', 'resolved')?.needsResolution).toBe(true);
    expect(moveBetween('open', 'closed')).toBeUndefined();
    expect(moveBetween('closed', 'open')).toBeUndefined();
  });
});

// The work-order board: one column per status, and the moves facilities' life cycle allows from each
// (open -> in progress | resolved; in progress -> resolved; resolved -> closed | back in progress).
import type { Schemas } from '../api/client';

export type WorkOrder = Schemas['FacilitiesWorkOrderSummary'];
export type Status = 'open' | 'in_progress' | 'resolved' | 'closed';

export const COLUMNS: { status: Status; title: string }[] = [
  { status: 'open', title: 'Open' },
  { status: 'in_progress', title: 'In progress' },
  { status: 'resolved', title: 'Resolved' },
  { status: 'closed', title: 'Closed' },
];

export type Move = { to: Status; label: string; route: 'start' | 'resolve' | 'close'; needsResolution: boolean };

const MOVES: Record<Status, Move[]> = {
  open: [
    { to: 'in_progress', label: 'Start work', route: 'start', needsResolution: false },
    { to: 'resolved', label: 'Resolve', route: 'resolve', needsResolution: true },
  ],
  in_progress: [{ to: 'resolved', label: 'Resolve', route: 'resolve', needsResolution: true }],
  // Back to in progress goes through start: the fix did not hold.
  resolved: [
    { to: 'closed', label: 'Close', route: 'close', needsResolution: false },
    { to: 'in_progress', label: 'Reopen', route: 'start', needsResolution: false },
  ],
  closed: [],
};

export function movesFrom(status: string): Move[] {
  return MOVES[status as Status] ?? [];
}

/** The move that takes a card from one column to another, if the life cycle has one (a drop on a column). */
export function moveBetween(from: string, to: string): Move | undefined {
  return movesFrom(from).find((m) => m.to === to);
}

const PRIORITY_ORDER = ['urgent', 'high', 'medium', 'low'];

/** Orders by column, the most urgent then the oldest first; a status the board does not know is left out. */
export function byColumn(orders: WorkOrder[]): Record<Status, WorkOrder[]> {
  const columns: Record<Status, WorkOrder[]> = { open: [], in_progress: [], resolved: [], closed: [] };
  for (const order of orders) columns[order.status as Status]?.push(order);
  const rank = (p: string) => PRIORITY_ORDER.indexOf(p);
  for (const list of Object.values(columns))
    list.sort((a, b) => rank(a.priority) - rank(b.priority) || a.reported_at.localeCompare(b.reported_at));
  return columns;
}

export const PRIORITY_COLOURS: Record<string, string> = { urgent: 'red', high: 'orange', medium: 'blue', low: 'gray' };

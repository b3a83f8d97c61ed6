// Which buttons a user gets on a task: the inbox's own rules (services/inbox/tasks/domain.py, lifecycle.py),
// mirrored so the screen offers only what the service would accept; the service still decides.
import { isOpen, type Status, type Task } from './tasks';

export type Me = { sub: string; roles: string[] };

// Managers see every pool at their locations and hand tasks out; a practice admin passes every role check.
const MANAGERS = ['office_manager', 'practice_admin'];
export const isManager = (me: Me) => me.roles.some((r) => MANAGERS.includes(r));

// What a person may move a task to, from each open status (the service's MOVES).
const MOVES: Record<string, Status[]> = {
  requested: ['accepted', 'in-progress', 'on-hold', 'completed', 'cancelled', 'rejected'],
  accepted: ['requested', 'in-progress', 'on-hold', 'completed', 'cancelled', 'rejected'],
  'in-progress': ['accepted', 'on-hold', 'completed', 'cancelled', 'failed'],
  'on-hold': ['accepted', 'in-progress', 'cancelled', 'failed'],
};

export type Move = { status: Status; label: string; needsReason: boolean };

// The moves the screen offers, in the order of the work; a cancellation says why.
const OFFERED: Move[] = [
  { status: 'accepted', label: 'Accept', needsReason: false },
  { status: 'in-progress', label: 'Start', needsReason: false },
  { status: 'completed', label: 'Complete', needsReason: false },
  { status: 'cancelled', label: 'Cancel task', needsReason: true },
];

export type TaskActions = {
  claim: boolean;
  assign: boolean;
  moves: Move[];
  note: boolean;
  reply: boolean;
};

type Subject = Pick<Task, 'status' | 'owner' | 'role' | 'focus'>;

/** Whether the user may move the task at all: its owner, a manager, or anyone in its pool while nobody owns it. */
export function mayMove(task: Subject, me: Me): boolean {
  return isOpen(task) && (task.owner === null || task.owner === me.sub || isManager(me));
}

export function actionsFor(task: Subject, me: Me): TaskActions {
  const open = isOpen(task);
  const inPool = me.roles.includes(task.role) || isManager(me);
  const allowed = MOVES[task.status] ?? [];
  // Accepting a task already accepted by its owner says nothing new; the service refuses same-status moves.
  const moves = mayMove(task, me) ? OFFERED.filter((m) => allowed.includes(m.status)) : [];
  return {
    claim: open && task.owner === null && inPool,
    assign: open && isManager(me),
    moves,
    note: true, // a closed task still takes notes: what happened afterwards is worth keeping
    reply: task.focus?.service === 'inbox' && task.focus.kind === 'message',
  };
}

/** Bulk assignment is a manager's; anyone may bulk-complete what they may complete (the service names refusals). */
export function bulkActions(me: Me): { assign: boolean; complete: boolean } {
  return { assign: isManager(me), complete: true };
}

/** The supplier invoice a task is about, when it is one (its three-way match is a manager's view). */
export function invoiceOf(task: Pick<Task, 'focus'>): string | null {
  return task.focus?.service === 'inbox' && task.focus.kind === 'supplier_invoice' ? task.focus.id : null;
}

export function messageOf(task: Pick<Task, 'focus'>): string | null {
  return task.focus?.service === 'inbox' && task.focus.kind === 'message' ? task.focus.id : null;
}

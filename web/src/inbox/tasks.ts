// The inbox's tasks as lists show them: most pressing first, overdue told from the clock, grouped by priority.
import type { Schemas } from '../api/client';

export type Task = Schemas['InboxTaskOut'];
export type TaskDetail = Schemas['InboxTaskDetailOut'];
export type Priority = Schemas['InboxTaskPriority'];
export type Status = Schemas['InboxStatus'];

// FHIR's order, most pressing first (the service ranks them the same way).
export const PRIORITIES: Priority[] = ['stat', 'asap', 'urgent', 'routine'];
export const PRIORITY_LABELS: Record<Priority, string> = { stat: 'Stat', asap: 'ASAP', urgent: 'Urgent', routine: 'Routine' };
// Filled badges at shades whose text (white or black, Mantine's autoContrast) passes WCAG AA.
export const PRIORITY_COLORS: Record<Priority, string> = { stat: 'red.9', asap: 'orange.4', urgent: 'yellow.3', routine: 'gray.2' };

export const OPEN_STATUSES: Status[] = ['requested', 'accepted', 'in-progress', 'on-hold'];
export const STATUS_LABELS: Record<Status, string> = {
  requested: 'Requested',
  accepted: 'Accepted',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  failed: 'Failed',
};

export const isOpen = (task: Pick<Task, 'status'>) => OPEN_STATUSES.includes(task.status);

/** Past its due time and still open, as of `now` (the list's `overdue` flag is as of when it was read). */
export function isOverdue(task: Pick<Task, 'status' | 'due_at'>, now: number): boolean {
  return isOpen(task) && !!task.due_at && Date.parse(task.due_at) < now;
}

const rank = (p: Priority) => PRIORITIES.indexOf(p);

/** Priority first (stat on top), then soonest due (no due time last), then oldest, as the service orders them. */
export function sortTasks<T extends Pick<Task, 'priority' | 'due_at' | 'created_at' | 'id'>>(tasks: T[]): T[] {
  const due = (t: T) => (t.due_at ? Date.parse(t.due_at) : Infinity);
  return [...tasks].sort(
    (a, b) =>
      rank(a.priority) - rank(b.priority) ||
      due(a) - due(b) ||
      a.created_at.localeCompare(b.created_at) ||
      a.id.localeCompare(b.id),
  );
}

export type TaskGroup<T> = { priority: Priority; label: string; tasks: T[] };

/** The sorted tasks under one heading per priority that has any. */
export function groupByPriority<T extends Pick<Task, 'priority' | 'due_at' | 'created_at' | 'id'>>(tasks: T[]): TaskGroup<T>[] {
  const sorted = sortTasks(tasks);
  return PRIORITIES.map((priority) => ({
    priority,
    label: PRIORITY_LABELS[priority],
    tasks: sorted.filter((t) => t.priority === priority),
  })).filter((g) => g.tasks.length > 0);
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** "overdue by 3 h", "due in 20 min", "no due time", or "closed". */
export function dueLabel(task: Pick<Task, 'status' | 'due_at'>, now: number): string {
  if (!task.due_at) return 'no due time';
  const left = Date.parse(task.due_at) - now;
  if (!isOpen(task)) return 'closed';
  return left < 0 ? `overdue by ${span(-left)}` : `due in ${span(left)}`;
}

// Categories the service's event rules and email triage open tasks under; the filter offers these and any seen.
export const KNOWN_CATEGORIES = [
  'appointment',
  'appointment_request',
  'billing_question',
  'claim',
  'compliance',
  'credential',
  'insurance_query',
  'maintenance',
  'other',
  'privacy',
  'records_request',
  'room',
  'roster',
  'supplier_invoice',
  'supplies',
  'training',
  'waitlist',
  'work_order',
];

export const categoryLabel = (category: string) => category.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function categoryOptions(seen: string[]): string[] {
  return [...new Set([...KNOWN_CATEGORIES, ...seen])].sort();
}

// A task's history and its figures in words: who did what, file sizes, money differences.
import { ROLE_LABELS } from '../shell/nav';
import type { Status } from './tasks';

export type HistoryEntry = { at: string; actor: string; action: string; details: Record<string, unknown> };
type NameOf = (id: string) => string;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
// A status move as its history line says it.
const STATUS_VERBS: Record<Status, string> = {
  requested: 'put it back in the pool',
  accepted: 'accepted it',
  'in-progress': 'started it',
  'on-hold': 'put it on hold',
  completed: 'completed it',
  cancelled: 'cancelled it',
  rejected: 'rejected it',
  failed: 'marked it failed',
};
const roleName = (role: unknown) => ROLE_LABELS[text(role)] ?? text(role);

/** One history line as a sentence: "Dana Lee assigned it to Sam Ortiz", "system completed it (resolved by ...)". */
export function describeEntry(entry: HistoryEntry, nameOf: NameOf): string {
  const who = nameOf(entry.actor);
  const d = entry.details ?? {};
  const reason = text(d.reason) && text(d.reason) !== 'bulk complete' ? `: ${text(d.reason)}` : '';
  switch (entry.action) {
    case 'created':
      return `${who} opened it`;
    case 'claimed':
      return `${who} claimed it`;
    case 'assigned':
      return `${who} assigned it to ${nameOf(text(d.owner))}${d.previous_owner ? ` (was ${nameOf(text(d.previous_owner))})` : ''}`;
    case 'moved':
      return `${who} moved it to the ${roleName(d.role)} pool (was ${roleName(d.previous_role)})`;
    case 'noted':
      return `${who} added a note`;
    case 'replied':
      return `${who} replied to the message (${text(d.status) || 'sent'})`;
    case 'escalated':
      return `Escalated: overdue, priority raised from ${text(d.previous_priority)} to ${text(d.priority)}`;
    case 'business_status':
      return d.business_status ? `${who} marked it "${text(d.business_status)}"` : `${who} cleared its business status`;
  }
  const verb = STATUS_VERBS[entry.action as Status];
  if (verb) {
    const resolved = text(d.resolved_by) ? ` (resolved by ${text(d.resolved_by)})` : '';
    const bulk = d.reason === 'bulk complete' ? ' with others at once' : '';
    return `${who} ${verb}${bulk}${reason}${resolved}`;
  }
  return `${who}: ${entry.action}`;
}

/** Newest first, as a detail panel reads best. */
export function newestFirst<T extends { at: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => b.at.localeCompare(a.at));
}

/** Bytes as people read them: 512 B, 12.3 KB, 4.0 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A decimal amount as the service sends it ("12.50"), shown with two places; a missing one as a dash. */
export function money(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const n = Number(amount);
  return Number.isFinite(n) ? n.toFixed(2) : amount;
}

/** A price difference with its sign: "+1.25" billed above the order's price, "-0.50" below, "0.00" none. */
export function signed(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  return n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2);
}

/** An instant at the location's wall clock: "Jul 15, 14:30". */
export function at(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

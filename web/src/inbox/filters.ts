// The inbox's tabs and filters as the task list's query: which view, at which location, what is left out.
import type { Priority } from './tasks';

export type Tab = 'mine' | 'queue' | 'overdue' | 'all';
const TABS: { value: Tab; label: string; managers?: boolean }[] = [
  { value: 'mine', label: 'My tasks' },
  { value: 'queue', label: "My role's queue" },
  { value: 'overdue', label: 'Overdue' },
  // A manager hands out every pool's work, so sees every pool at once (the service's view=all).
  { value: 'all', label: 'All pools', managers: true },
];

export const tabsFor = (manager: boolean) => TABS.filter((t) => manager || !t.managers);

export type Filters = { category: string | null; priority: Priority | null };
export const NO_FILTERS: Filters = { category: null, priority: null };

// A location's open tasks fit one page; more than this and the screen says how many were left out.
export const PAGE = 200;

export type ListQuery = {
  view: 'mine' | 'queue' | 'all';
  location_id: string;
  overdue?: boolean;
  category?: string;
  priority?: Priority;
  limit: number;
};

/** "Overdue" is everything late the user may see (every pool, for a manager), not only their own queue. */
export function listQuery(tab: Tab, filters: Filters, locationId: string): ListQuery {
  const query: ListQuery = { view: tab === 'overdue' ? 'all' : tab, location_id: locationId, limit: PAGE };
  if (tab === 'overdue') query.overdue = true;
  if (filters.category) query.category = filters.category;
  if (filters.priority) query.priority = filters.priority;
  return query;
}

/** Keep a selection to the tasks still listed (a refetch may have taken some away). */
export function keepListed(selected: Set<string>, listed: { id: string }[]): Set<string> {
  const ids = new Set(listed.map((t) => t.id));
  const kept = [...selected].filter((id) => ids.has(id));
  return kept.length === selected.size ? selected : new Set(kept);
}

/** What a bulk call's answer means to the user: how many changed, and each refusal with its reason. */
export function bulkSummary(result: { done: string[]; refused: Record<string, string> }, titleOf: (id: string) => string) {
  const refused = Object.entries(result.refused).map(([id, why]) => `${titleOf(id)}: ${why}`);
  const done = `${result.done.length} task${result.done.length === 1 ? '' : 's'} changed`;
  return { done, refused };
}

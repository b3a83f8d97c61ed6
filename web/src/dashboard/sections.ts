// What each part of the dashboard can show: its data, still loading, unavailable (a stopped or refusing service,
// as the gateway marks it, or a 503 naming it) or failed. An unavailable part is never drawn as zeros.
import { ApiFailure, type Schemas } from '../api/client';

export type Dashboard = Schemas['LocationDashboard'];
export type SectionName = 'appointments' | 'coverage' | 'rooms' | 'work_orders' | 'low_stock' | 'claims' | 'compliance_alerts';

export type Part<T> =
  | { state: 'loading' }
  | { state: 'unavailable'; reason: string }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; data: T };

type Query<T> = { data?: T; error: unknown; isLoading: boolean };

/** One section of the gateway's dashboard: its own `available` flag decides, whatever the others say. */
export function sectionOf<K extends SectionName>(query: Query<Dashboard>, name: K): Part<Dashboard[K]> {
  if (query.data) {
    const section = query.data[name];
    if (section.available === false) return { state: 'unavailable', reason: section.reason ?? 'its service did not answer' };
    return { state: 'ready', data: section };
  }
  if (query.error) return { state: 'failed', error: query.error };
  return { state: 'loading' };
}

/** A read of the dashboard's own (a report, the task counts): a gateway 502/503/504 or a refusal is "unavailable". */
export function partOf<T>(query: Query<T>): Part<T> {
  if (query.data !== undefined) return { state: 'ready', data: query.data };
  if (query.error) {
    if (query.error instanceof ApiFailure && [502, 503, 504].includes(query.error.status))
      return { state: 'unavailable', reason: query.error.body?.message ?? 'its service is not answering' };
    if (query.error instanceof ApiFailure && query.error.status === 403)
      return { state: 'unavailable', reason: 'your role does not read this' };
    return { state: 'failed', error: query.error };
  }
  return { state: 'loading' };
}

/** Several reads that make one part (a week of day sheets): ready with what answered, unavailable if none did. */
export function partsOf<T>(queries: Query<T>[]): Part<(T | null)[]> {
  const parts = queries.map(partOf);
  if (parts.some((p) => p.state === 'loading')) return { state: 'loading' };
  const ready = parts.filter((p) => p.state === 'ready');
  if (ready.length === 0) {
    const failed = parts.find((p) => p.state === 'failed');
    if (failed) return failed;
    const reason = parts.find((p) => p.state === 'unavailable');
    return reason ?? { state: 'unavailable', reason: 'nothing answered' };
  }
  return { state: 'ready', data: parts.map((p) => (p.state === 'ready' ? p.data : null)) };
}

/** A headline number, or null when its part cannot give one (the screen then says why, not "0"). */
export function countOf<T>(part: Part<T>, count: (data: T) => number): number | null {
  return part.state === 'ready' ? count(part.data) : null;
}

/** A ready part's data reshaped; any other state passes through as it is. */
export function mapPart<T, U>(part: Part<T>, shape: (data: T) => U): Part<U> {
  return part.state === 'ready' ? { state: 'ready', data: shape(part.data) } : part;
}

// What of the live stream concerns the inbox: any change of a task (created, assigned, completed, escalated,
// cancelled) refetches the inbox's lists and the task open on screen; a reset refetches them too.
import type { LiveFrame } from '../live/stream';

/** Every inbox query's key starts with this, so one invalidation reaches lists, counts and details. */
export const INBOX_KEY = 'inbox';

export function touchesInbox(frame: Pick<LiveFrame, 'event' | 'data'>): boolean {
  if (frame.event === 'reset') return true;
  const type = typeof frame.data?.type === 'string' ? frame.data.type : '';
  return frame.event === 'inbox.task' || type.startsWith('inbox.task.');
}

// The gateway's live stream read with fetch (EventSource cannot send the bearer token), reconnecting with
// Last-Event-ID after a drop so nothing in between is lost.
import { accessToken, refresh } from '../api/session';

export type LiveFrame = { id?: string; event: string; data: Record<string, unknown> };

/** Split SSE text into whole frames; what follows the last blank line is kept for the next chunk. */
export function parseFrames(buffer: string): { frames: LiveFrame[]; rest: string } {
  const frames: LiveFrame[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const at = line.indexOf(':');
      const field = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) continue;
    try {
      frames.push({ id, event, data: JSON.parse(data.join('\n')) });
    } catch {
      // not JSON: not one of ours
    }
  }
  return { frames, rest };
}

/** Follow the stream until `signal` aborts; each frame goes to `onFrame`. */
export async function follow(onFrame: (frame: LiveFrame) => void, signal: AbortSignal): Promise<void> {
  let lastId: string | undefined;
  let backoff = 1000;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      const token = accessToken();
      if (token) headers.Authorization = `Bearer ${token}`;
      if (lastId) headers['Last-Event-ID'] = lastId;
      const response = await fetch('/api/v1/live/events', { headers, signal });
      if (response.status === 401) {
        if (!(await refresh())) return; // signed out
        continue;
      }
      if (!response.ok || !response.body) throw new Error(`live stream answered ${response.status}`);
      backoff = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseFrames(buffer + value);
        buffer = parsed.rest;
        for (const frame of parsed.frames) {
          if (frame.id) lastId = frame.id;
          if (frame.event === 'expired') await refresh();
          onFrame(frame);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, backoff));
    backoff = Math.min(backoff * 2, 30_000);
  }
}

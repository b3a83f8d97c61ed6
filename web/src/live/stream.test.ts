import { expect, test } from 'vitest';
import { parseFrames } from './stream';

test('frames are split at blank lines, comments skipped, a partial frame kept for later', () => {
  const text =
    'retry: 3000\n\n: keep-alive\n\nid: e.4\nevent: scheduling.appointment\ndata: {"appointment_id":"a1"}\n\nid: e.5\nevent: sched';
  const { frames, rest } = parseFrames(text);
  expect(frames).toEqual([{ id: 'e.4', event: 'scheduling.appointment', data: { appointment_id: 'a1' } }]);
  expect(rest).toBe('id: e.5\nevent: sched');
  const next = parseFrames(rest + 'uling.appointment\ndata: {"appointment_id":"a2"}\n\nevent: reset\ndata: {}\n\n');
  expect(next.frames.map((f) => f.id ?? f.event)).toEqual(['e.5', 'reset']);
  expect(next.rest).toBe('');
});

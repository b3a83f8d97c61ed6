import { Paper, SimpleGrid, Text } from '@mantine/core';
import { countOf, type Dashboard, type Part } from './sections';
import type { Waits } from './charts';

type Headline = { label: string; value: number | string | null; note?: string; part: Part<unknown>; key: string };

/** The day's numbers in a row of tiles; a tile whose source did not answer says "Unavailable", not "0". */
export function Headlines({ items }: { items: Headline[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="sm" component="ul" aria-label="Today's numbers" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((h) => (
        <Paper component="li" key={h.key} withBorder p="sm" radius="md" data-headline={h.key} data-state={h.part.state}>
          <Text size="xs" c="dimmed" fw={600}>
            {h.label}
          </Text>
          {h.part.state === 'ready' ? (
            <Text size="xl" fw={700} data-value>
              {h.value}
            </Text>
          ) : h.part.state === 'loading' ? (
            <Text size="sm" c="dimmed">
              Loading…
            </Text>
          ) : (
            <Text size="sm" c="dimmed" fw={600} title={h.part.state === 'unavailable' ? h.part.reason : undefined}>
              Unavailable
            </Text>
          )}
          {h.note && h.part.state === 'ready' && (
            <Text size="xs" c="dimmed">
              {h.note}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** The tiles from the gateway's sections, the waits and the task counts. */
export function headlinesOf(
  part: <K extends 'appointments' | 'coverage' | 'rooms' | 'low_stock' | 'claims'>(name: K) => Part<Dashboard[K]>,
  waits: Part<Waits>,
  tasks: Part<{ open: number; overdue: number }>,
): Headline[] {
  const appointments = part('appointments');
  const noShows = countOf(appointments, (a) => a.by_status.noshow ?? 0);
  const w = waits.state === 'ready' ? waits.data : null;
  return [
    { key: 'appointments', label: 'Appointments', part: appointments, value: countOf(appointments, (a) => a.total) },
    { key: 'no-shows', label: 'No-shows', part: appointments, value: noShows },
    { key: 'waiting', label: 'Waiting now', part: waits, value: w?.waiting ?? null, note: w?.longestMinutes != null ? `longest ${w.longestMinutes} min` : undefined },
    { key: 'visit-length', label: 'Median visit', part: waits, value: w?.medianVisitMinutes != null ? `${w.medianVisitMinutes} min` : '—', note: w ? `${w.seen} seen, start to done` : undefined },
    { key: 'open-tasks', label: 'Open tasks', part: tasks, value: countOf(tasks, (t) => t.open), note: tasks.state === 'ready' ? `${tasks.data.overdue} overdue` : undefined },
    { key: 'gaps', label: 'Coverage gaps', part: part('coverage'), value: countOf(part('coverage'), (c) => c.gaps.length) },
    { key: 'low-stock', label: 'Stock alerts', part: part('low_stock'), value: countOf(part('low_stock'), (s) => s.low.length) },
    { key: 'claims', label: 'Claims to work', part: part('claims'), value: countOf(part('claims'), (c) => c.needs_attention.length) },
  ];
}

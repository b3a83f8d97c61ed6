import { Box, Text, UnstyledButton } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import type { Appointment } from '../api/client';
import { SLOT_MINUTES, SLOT_PX, STATUS_COLOURS, STATUS_LABELS, gridSlots, inColumn, placement, type Column, type Hours } from './layout';
import { clock, wallTime } from './time';

type Props = {
  columns: Column[];
  appointments: Appointment[];
  timeZone: string;
  patientName: (id: string) => string;
  onFreeTime: (column: Column, minutes: number) => void;
  onMove: (appointment: Appointment, column: Column, minutes: number) => void;
  refusal: { appointmentId: string; message: string } | null;
  hours: Hours;
};

/** One column per provider (per day in the week view), a row every 15 minutes; drag a booked visit to move it. */
export function ScheduleGrid({ columns, appointments, timeZone, patientName, onFreeTime, onMove, refusal, hours }: Props) {
  const [dragOver, setDragOver] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const SLOTS = gridSlots(hours);
  const DAY_START = hours.start;
  const height = SLOTS.length * SLOT_PX;

  function drop(event: DragEvent, column: Column, minutes: number) {
    event.preventDefault();
    setDragOver(null);
    setDragging(null);
    const moved = appointments.find((a) => a.id === event.dataTransfer.getData('text/appointment'));
    if (moved) onMove(moved, column, minutes);
  }

  return (
    <Box style={{ overflowX: 'auto' }} role="region" aria-label="Schedule">
      <Box style={{ display: 'grid', gridTemplateColumns: `56px repeat(${columns.length}, minmax(140px, 1fr))` }}>
        <Box />
        {columns.map((c) => (
          <Text key={c.key} fw={600} size="sm" ta="center" p={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            {c.label}
          </Text>
        ))}
        <Box style={{ position: 'relative', height }}>
          {SLOTS.filter((m) => m % 60 === 0).map((m) => (
            <Text key={m} size="xs" c="dimmed" style={{ position: 'absolute', top: ((m - DAY_START) / SLOT_MINUTES) * SLOT_PX - 7, right: 6 }}>
              {clock(m)}
            </Text>
          ))}
        </Box>
        {columns.map((column) => {
          const mine = appointments.filter(
            (a) => inColumn(a, column) && wallTime(a.start, timeZone).day === column.day,
          );
          return (
            <Box key={column.key} data-column={column.key} style={{ position: 'relative', height, borderLeft: '1px solid var(--mantine-color-gray-3)' }}>
              {SLOTS.map((m) => {
                const cell = `${column.key}@${m}`;
                return (
                  <UnstyledButton
                    key={m}
                    aria-label={`Book ${column.label} at ${clock(m)}`}
                    data-slot={`${column.providerId} ${column.day} ${clock(m)}`}
                    onClick={() => onFreeTime(column, m)}
                    onDragOver={(e) => {
                      e.preventDefault();
                      setDragOver(cell);
                    }}
                    onDragLeave={() => setDragOver((c) => (c === cell ? null : c))}
                    onDrop={(e) => drop(e, column, m)}
                    style={{
                      display: 'block',
                      width: '100%',
                      height: SLOT_PX,
                      borderTop: m % 60 === 0 ? '1px solid var(--mantine-color-gray-3)' : '1px dotted var(--mantine-color-gray-2)',
                      background: dragOver === cell ? 'var(--mantine-color-blue-1)' : undefined,
                    }}
                  />
                );
              })}
              {mine.map((a) => {
                const { top, height: h } = placement(a, timeZone, hours);
                const colour = STATUS_COLOURS[a.status] ?? 'gray';
                const refused = refusal?.appointmentId === a.id;
                const movable = a.status === 'booked';
                return (
                  <Box
                    key={a.id}
                    data-appointment={a.id}
                    data-status={a.status}
                    draggable={movable}
                    tabIndex={0}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/appointment', a.id);
                      setDragging(a.id);
                    }}
                    onDragEnd={() => setDragging(null)}
                    style={{
                      position: 'absolute',
                      top,
                      left: 3,
                      right: 3,
                      height: h - 2,
                      overflow: refused ? 'visible' : 'hidden',
                      zIndex: refused ? 3 : 1,
                      borderRadius: 4,
                      padding: '2px 6px',
                      cursor: movable ? 'grab' : 'default',
                      // While one is dragged the others let the drop through to the time beneath them.
                      pointerEvents: dragging && dragging !== a.id ? 'none' : undefined,
                      background: `var(--mantine-color-${colour}-1)`,
                      borderLeft: `4px solid var(--mantine-color-${colour}-7)`,
                      outline: refused ? '2px solid var(--mantine-color-red-7)' : undefined,
                      textDecoration: a.status === 'cancelled' ? 'line-through' : undefined,
                    }}
                  >
                    <Text size="xs" fw={600} lineClamp={1}>
                      {clock(wallTime(a.start, timeZone).minutes)} {patientName(a.patient_id)}
                    </Text>
                    <Text size="xs" c="dark.7">
                      {STATUS_LABELS[a.status] ?? a.status}
                    </Text>
                    {refused && (
                      <Text role="alert" size="xs" c="white" bg="red.7" p={4} mt={2} style={{ borderRadius: 4, position: 'relative' }}>
                        {refusal.message}
                      </Text>
                    )}
                  </Box>
                );
              })}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

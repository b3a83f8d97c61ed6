import { Box, Text } from '@mantine/core';
import { useMemo, useRef, type CSSProperties, type DragEvent, type MouseEvent } from 'react';
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
  /** Minutes a free-time button stands for: 15 in a day; the week view may take 30 (half the buttons). */
  slotMinutes?: number;
};

type Placed = { appointment: Appointment; top: number; height: number; starts: string };

/** Each column's appointments with their place: every wall time computed once, not once per column. */
export function placeAppointments(appointments: Appointment[], columns: Column[], timeZone: string, hours: Hours) {
  const placed = new Map<string, Placed[]>(columns.map((c) => [c.key, []]));
  const byDay = new Map<string, Column[]>();
  for (const c of columns) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c]);
  for (const appointment of appointments) {
    const start = wallTime(appointment.start, timeZone);
    const column = (byDay.get(start.day) ?? []).find((c) => inColumn(appointment, c));
    if (!column) continue;
    const { top, height } = placement(appointment, timeZone, hours);
    placed.get(column.key)!.push({ appointment, top, height, starts: clock(start.minutes) });
  }
  return placed;
}

const minuteAt = (event: { target: EventTarget }) => {
  const slot = (event.target as HTMLElement).closest<HTMLElement>('[data-minute]');
  return slot ? { slot, minutes: Number(slot.dataset.minute) } : null;
};

/**
 * One column per provider (per day in the week view), a row every 15 minutes; drag a booked visit to move it.
 *
 * A week of 25 providers is 8,400 slots and over a thousand visits: slots are plain buttons whose clicks and
 * drops the column handles, and a drag marks its target by class, so a drag re-renders nothing.
 */
export function ScheduleGrid(props: Props) {
  const { columns, appointments, timeZone, patientName, onFreeTime, onMove, refusal, hours } = props;
  const step = props.slotMinutes ?? SLOT_MINUTES;
  const slots = gridSlots(hours, step);
  const slotHeight = (step / SLOT_MINUTES) * SLOT_PX; // the time scale stays SLOT_PX a quarter hour
  const height = (slots.length * step * SLOT_PX) / SLOT_MINUTES;
  const placed = useMemo(() => placeAppointments(appointments, columns, timeZone, hours), [appointments, columns, timeZone, hours]);
  const grid = useRef<HTMLDivElement>(null);
  const over = useRef<HTMLElement | null>(null);

  const mark = (slot: HTMLElement | null) => {
    over.current?.classList.remove('schedule-slot-over');
    slot?.classList.add('schedule-slot-over');
    over.current = slot;
  };
  const endDrag = () => {
    mark(null);
    grid.current?.classList.remove('schedule-dragging');
    grid.current?.querySelector('.schedule-dragged')?.classList.remove('schedule-dragged');
  };
  const click = (event: MouseEvent, column: Column) => {
    const at = minuteAt(event);
    if (at) onFreeTime(column, at.minutes);
  };
  const dragOver = (event: DragEvent) => {
    const at = minuteAt(event);
    if (!at) return;
    event.preventDefault();
    if (over.current !== at.slot) mark(at.slot);
  };
  const drop = (event: DragEvent, column: Column) => {
    event.preventDefault();
    const at = minuteAt(event);
    const id = event.dataTransfer.getData('text/appointment');
    endDrag();
    const moved = appointments.find((a) => a.id === id);
    if (moved && at) onMove(moved, column, at.minutes);
  };

  return (
    <Box style={{ overflowX: 'auto' }} role="region" aria-label="Schedule">
      <div ref={grid} className="schedule-grid" style={{ gridTemplateColumns: `56px repeat(${columns.length}, minmax(140px, 1fr))` }}>
        <div />
        {columns.map((c) => (
          <Text key={c.key} fw={600} size="sm" ta="center" p={4} className="schedule-heading">
            {c.label}
          </Text>
        ))}
        <div style={{ position: 'relative', height }}>
          {slots
            .filter((m) => m % 60 === 0)
            .map((m) => (
              <span key={m} className="schedule-hour" style={{ top: ((m - hours.start) / SLOT_MINUTES) * SLOT_PX - 7 }}>
                {clock(m)}
              </span>
            ))}
        </div>
        {columns.map((column) => (
          <div
            key={column.key}
            data-column={column.key}
            className="schedule-column"
            style={{ height }}
            onClick={(e) => click(e, column)}
            onDragOver={dragOver}
            onDrop={(e) => drop(e, column)}
          >
            {slots.map((m) => (
              <button
                type="button"
                key={m}
                className={m % 60 === 0 ? 'schedule-slot schedule-slot-hour' : 'schedule-slot'}
                data-minute={m}
                style={step === SLOT_MINUTES ? undefined : { height: slotHeight }}
                aria-label={`Book ${column.label} at ${clock(m)}`}
                data-slot={`${column.providerId} ${column.day} ${clock(m)}`}
              />
            ))}
            {placed.get(column.key)!.map(({ appointment: a, top, height: h, starts }) => {
              const colour = STATUS_COLOURS[a.status] ?? 'gray';
              const refused = refusal?.appointmentId === a.id;
              const movable = a.status === 'booked';
              const style = {
                top,
                height: h - 2,
                '--appt-bg': `var(--mantine-color-${colour}-1)`,
                '--appt-edge': `var(--mantine-color-${colour}-7)`,
              } as CSSProperties;
              return (
                <div
                  key={a.id}
                  data-appointment={a.id}
                  data-status={a.status}
                  draggable={movable}
                  tabIndex={0}
                  className={`schedule-appointment${movable ? ' movable' : ''}${refused ? ' refused' : ''}${a.status === 'cancelled' ? ' cancelled' : ''}`}
                  style={style}
                  onClick={(e) => e.stopPropagation()}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('text/appointment', a.id);
                    // While one is dragged the others let the drop through to the time beneath them.
                    grid.current?.classList.add('schedule-dragging');
                    e.currentTarget.classList.add('schedule-dragged');
                  }}
                  onDragEnd={endDrag}
                >
                  <span className="schedule-appointment-title">
                    {starts} {patientName(a.patient_id)}
                  </span>
                  <span className="schedule-appointment-status">{STATUS_LABELS[a.status] ?? a.status}</span>
                  {refused && (
                    <span role="alert" className="schedule-refusal">
                      {refusal.message}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </Box>
  );
}

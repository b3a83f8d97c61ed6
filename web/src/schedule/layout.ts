// Where an appointment sits on the grid, its colour, and which providers or rooms get a column.
import type { Appointment, Schemas } from '../api/client';
import { dayLabel, wallTime } from './time';

type Provider = Pick<Schemas['SchedulingProviderOut'], 'staff_id' | 'name'>;
export type Hours = { start: number; end: number }; // minutes since midnight
export const DEFAULT_HOURS: Hours = { start: 7 * 60, end: 19 * 60 };
export const SLOT_MINUTES = 15;
export const SLOT_PX = 22;

export const STATUS_COLOURS: Record<string, string> = {
  booked: 'blue',
  arrived: 'orange',
  fulfilled: 'green',
  noshow: 'red',
  cancelled: 'gray',
  'entered-in-error': 'gray',
};

export const STATUS_LABELS: Record<string, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  fulfilled: 'Fulfilled',
  noshow: 'No-show',
  cancelled: 'Cancelled',
  'entered-in-error': 'Entered in error',
};

/** A grid column: a provider's day, or (with `roomId`) a room's day, whose appointments are the room's. */
export type Column = { key: string; day: string; providerId: string; label: string; roomId?: string };

/** The room view's column for appointments without a room. */
export const NO_ROOM = '';

/** Whether an appointment belongs in a column (its provider's, or its room's in the room view). */
export function inColumn(appointment: Pick<Appointment, 'provider_id' | 'room_id'>, column: Column): boolean {
  return column.roomId !== undefined ? (appointment.room_id ?? NO_ROOM) === column.roomId : appointment.provider_id === column.providerId;
}

/** Top and height in pixels within the day, clipped to the grid's hours. */
export function placement(appointment: Pick<Appointment, 'start' | 'end'>, timeZone: string, hours: Hours) {
  const { start: DAY_START, end: DAY_END } = hours;
  const start = wallTime(appointment.start, timeZone).minutes;
  const end = Math.max(start + SLOT_MINUTES, wallTime(appointment.end, timeZone).minutes || 24 * 60);
  const top = Math.max(start, DAY_START) - DAY_START;
  const bottom = Math.min(end, DAY_END) - DAY_START;
  return { top: (top / SLOT_MINUTES) * SLOT_PX, height: Math.max(((bottom - top) / SLOT_MINUTES) * SLOT_PX, SLOT_PX) };
}

/** The clinicians of the location (scheduling lists them by name), and any provider with visits there who is not. */
export function providerColumns(providers: Provider[], byProvider: Record<string, unknown>): Lane[] {
  const listed = providers.map((p) => ({ id: p.staff_id, name: p.name }));
  const known = new Set(listed.map((c) => c.id));
  // A clinician who left or moved keeps the visits booked before: a column still holds them.
  const others = Object.keys(byProvider)
    .filter((id) => !known.has(id))
    .map((id) => ({ id, name: `Not listed here (${id.slice(0, 8)})` }));
  return [...listed, ...others].sort((a, b) => a.name.localeCompare(b.name));
}

export type Lane = { id: string; name: string }; // a provider or a room, before it is split by day
type Room = Pick<Schemas['FacilitiesRoomOut'], 'room_id' | 'name' | 'status'>;

/**
 * The rooms of the location (null when the role may not list them: then the rooms the appointments use, by id),
 * any room an appointment uses without being listed, and "No room" when an appointment has none.
 */
export function roomLanes(rooms: Room[] | null, appointments: Pick<Appointment, 'room_id'>[]): Lane[] {
  const listed = (rooms ?? []).map((r) => ({
    id: r.room_id,
    name: r.status === 'out_of_service' ? `${r.name} (out of service)` : r.name,
  }));
  const known = new Set(listed.map((r) => r.id));
  const used = [...new Set(appointments.map((a) => a.room_id ?? NO_ROOM))];
  const others = used.filter((id) => id !== NO_ROOM && !known.has(id)).map((id) => ({ id, name: id }));
  const lanes = [...listed, ...others].sort((a, b) => a.name.localeCompare(b.name));
  return used.includes(NO_ROOM) ? [...lanes, { id: NO_ROOM, name: 'No room' }] : lanes;
}

/** One column per lane and day; the week view names the day in each column. Room columns book no provider. */
export function gridColumns(days: string[], lanes: Lane[], by: 'providers' | 'rooms'): Column[] {
  return days.flatMap((day) =>
    lanes.map((lane) => ({
      key: by === 'providers' ? `${day}/${lane.id}` : `${day}/room:${lane.id}`,
      day,
      providerId: by === 'providers' ? lane.id : '',
      label: days.length === 1 ? lane.name : `${dayLabel(day)} · ${lane.name}`,
      ...(by === 'rooms' ? { roomId: lane.id } : {}),
    })),
  );
}

/** Slots of the grid as minutes since midnight. */
export function gridSlots(hours: Hours, step = SLOT_MINUTES): number[] {
  const slots = [];
  for (let m = hours.start; m < hours.end; m += step) slots.push(m);
  return slots;
}

/** Appointments still holding their time (cancelled and entered-in-error ones free it). */
export function holdsTime(appointment: Appointment): boolean {
  return appointment.status !== 'cancelled' && appointment.status !== 'entered-in-error';
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The grid's hours: the location's opening hours on those days (weekday 0 is Monday), else 07:00-19:00. */
/** The hours widened to whole hours around any visit outside them: a visit is never drawn clipped to the grid's edge. */
export function coveringVisits(hours: Hours, visits: Pick<Appointment, 'start' | 'end'>[], timeZone: string): Hours {
  let { start, end } = hours;
  for (const visit of visits) {
    const from = wallTime(visit.start, timeZone).minutes;
    start = Math.min(start, Math.floor(from / 60) * 60);
    end = Math.max(end, Math.min(24 * 60, Math.ceil(Math.max(from + SLOT_MINUTES, wallTime(visit.end, timeZone).minutes || 24 * 60) / 60) * 60));
  }
  return start === hours.start && end === hours.end ? hours : { start, end };
}

export function gridHours(openingHours: { weekday: number; opens: string; closes: string }[], days: string[]): Hours {
  const weekdays = days.map((d) => {
    const [y, m, dd] = d.split('-').map(Number);
    return (new Date(Date.UTC(y, m - 1, dd)).getUTCDay() + 6) % 7;
  });
  const open = openingHours.filter((o) => weekdays.includes(o.weekday));
  if (!open.length) return DEFAULT_HOURS;
  const start = Math.min(...open.map((o) => minutesOf(o.opens)));
  const end = Math.max(...open.map((o) => minutesOf(o.closes)));
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}

// Booking from an appointment request: email triage opens the request as a front-desk task (category
// `appointment_request`, focus the message), and the desk books one of the open slots from it.
import type { Schemas, Slot } from '../api/client';
import { clock, dayLabel, wallTime } from '../schedule/time';
import { isOpen, type Task } from './tasks';

export type AppointmentIn = Schemas['SchedulingAppointmentIn'];

export const APPOINTMENT_REQUEST = 'appointment_request'; // services/inbox/triage/domain.py Category

/** A request still waiting to be booked: a closed one is done, booked or not. */
export const isBookable = (task: Pick<Task, 'category' | 'status'>) => task.category === APPOINTMENT_REQUEST && isOpen(task);

/** A slot is one provider's time: two providers free at 09:00 are two slots. */
export const slotKey = (slot: Pick<Slot, 'provider_id' | 'start'>) => `${slot.provider_id}@${slot.start}`;

/** "09:00–09:30" on the location's wall clock, whatever the browser's zone. */
export function slotTime(slot: Pick<Slot, 'start' | 'end'>, timeZone: string): string {
  return `${clock(wallTime(slot.start, timeZone).minutes)}–${clock(wallTime(slot.end, timeZone).minutes)}`;
}

/** The open slots earliest first, each time's providers by name. */
export function sortSlots<S extends Pick<Slot, 'provider_id' | 'start'>>(slots: S[], nameOf: (id: string) => string): S[] {
  return [...slots].sort((a, b) => a.start.localeCompare(b.start) || nameOf(a.provider_id).localeCompare(nameOf(b.provider_id)));
}

/** The appointment a slot books: its provider, its time, the first free room it names (if any). */
export function appointmentFor(slot: Slot, booking: { locationId: string; patientId: string; typeId: string }): AppointmentIn {
  return {
    location_id: booking.locationId,
    patient_id: booking.patientId,
    appointment_type_id: booking.typeId,
    provider_id: slot.provider_id,
    start: slot.start,
    end: slot.end,
    room_id: slot.room_ids[0] ?? null,
  };
}

/** What was booked, as the desk would tell the patient: "Tue, Mar 11 09:00–09:30 with Ann Lee". */
export function bookedLine(slot: Pick<Slot, 'start' | 'end' | 'provider_id'>, timeZone: string, nameOf: (id: string) => string) {
  return `${dayLabel(wallTime(slot.start, timeZone).day)} ${slotTime(slot, timeZone)} with ${nameOf(slot.provider_id)}`;
}

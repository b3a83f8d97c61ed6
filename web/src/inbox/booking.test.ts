import { expect, test } from 'vitest';
import type { Slot } from '../api/client';
import { appointmentFor, bookedLine, isBookable, slotKey, slotTime, sortSlots } from './booking';

const slot = (provider_id: string, start: string, end: string, room_ids: string[] = []): Slot => ({ provider_id, start, end, room_ids });
const names: Record<string, string> = { 's-ann': 'Ann Lee', 's-bo': 'Bo Park' };
const nameOf = (id: string) => names[id] ?? id;

test('an open appointment request is bookable; a closed one or another category is not', () => {
  expect(isBookable({ category: 'appointment_request', status: 'requested' })).toBe(true);
  expect(isBookable({ category: 'appointment_request', status: 'in-progress' })).toBe(true);
  expect(isBookable({ category: 'appointment_request', status: 'completed' })).toBe(false);
  expect(isBookable({ category: 'records_request', status: 'requested' })).toBe(false);
});

test('slot times are on the location’s wall clock, across a daylight-saving change', () => {
  // 2031-03-09 is the US spring-forward Sunday; the Monday after is on PDT (UTC-7).
  expect(slotTime(slot('s-ann', '2031-03-10T16:00:00Z', '2031-03-10T16:30:00Z'), 'America/Los_Angeles')).toBe('09:00–09:30');
  expect(slotTime(slot('s-ann', '2031-03-07T17:00:00Z', '2031-03-07T17:30:00Z'), 'America/Los_Angeles')).toBe('09:00–09:30');
  expect(slotTime(slot('s-ann', '2031-03-10T16:00:00Z', '2031-03-10T16:30:00Z'), 'America/New_York')).toBe('12:00–12:30');
});

test('slots sort by time, then provider name; each provider’s time is its own slot', () => {
  const slots = [
    slot('s-bo', '2031-03-10T17:00:00Z', '2031-03-10T17:30:00Z'),
    slot('s-bo', '2031-03-10T16:00:00Z', '2031-03-10T16:30:00Z'),
    slot('s-ann', '2031-03-10T16:00:00Z', '2031-03-10T16:30:00Z'),
  ];
  expect(sortSlots(slots, nameOf).map(slotKey)).toEqual([
    's-ann@2031-03-10T16:00:00Z',
    's-bo@2031-03-10T16:00:00Z',
    's-bo@2031-03-10T17:00:00Z',
  ]);
});

test('the appointment takes the slot’s provider, time and first free room', () => {
  const s = slot('s-ann', '2031-03-10T16:00:00Z', '2031-03-10T16:30:00Z', ['room-2', 'room-3']);
  expect(appointmentFor(s, { locationId: 'loc-a', patientId: 'p-1', typeId: 'type-new' })).toEqual({
    location_id: 'loc-a',
    patient_id: 'p-1',
    appointment_type_id: 'type-new',
    provider_id: 's-ann',
    start: '2031-03-10T16:00:00Z',
    end: '2031-03-10T16:30:00Z',
    room_id: 'room-2',
  });
  expect(appointmentFor({ ...s, room_ids: [] }, { locationId: 'loc-a', patientId: 'p-1', typeId: 't' }).room_id).toBeNull();
});

test('the booked line names the day, the wall-clock time and the provider', () => {
  expect(bookedLine(slot('s-ann', '2031-03-10T16:00:00Z', '2031-03-10T16:30:00Z'), 'America/Los_Angeles', nameOf)).toBe(
    'Mon, Mar 10 09:00–09:30 with Ann Lee',
  );
});

import { expect, test } from 'vitest';
import { byUrgency, holdText, offeredTime, pendingOffer, windowLabel, type WaitlistEntry } from './waitlist';

const entry = (id: string, offer?: { expires_at: string; status?: string }): WaitlistEntry => ({
  id,
  patient_id: `pt-${id}`,
  location_id: 'loc-a',
  appointment_type_id: 't1',
  provider_id: null,
  earliest: '2031-07-15',
  latest: '2031-07-18',
  priority: 0,
  status: offer ? 'offered' : 'waiting',
  created_at: '2031-07-01T00:00:00Z',
  offer: offer && {
    id: `o-${id}`,
    entry_id: id,
    provider_id: 'p1',
    start: '2031-07-15T16:00:00Z',
    end: '2031-07-15T16:30:00Z',
    status: 'offered',
    ...offer,
  },
});

test('entries holding a slot come first, soonest expiry first; the rest keep the service’s rank', () => {
  const ranked = [
    entry('a'),
    entry('late', { expires_at: '2031-07-14T20:00:00Z' }),
    entry('b'),
    entry('soon', { expires_at: '2031-07-14T18:00:00Z' }),
    entry('closed', { expires_at: '2031-07-14T17:00:00Z', status: 'declined' }),
  ];
  expect(byUrgency(ranked).map((e) => e.id)).toEqual(['soon', 'late', 'a', 'b', 'closed']);
  expect(pendingOffer(ranked[4])).toBeNull();
});

test('the offered time reads in the location’s wall clock', () => {
  expect(offeredTime({ start: '2031-07-15T16:00:00Z', end: '2031-07-15T16:30:00Z' }, 'America/Los_Angeles')).toBe(
    'Tue, Jul 15 09:00–09:30',
  );
});

test('a hold says until when, how long is left when it is soon, and when it has run out', () => {
  const now = new Date('2031-07-14T20:05:00Z'); // 13:05 in Los Angeles
  const zone = 'America/Los_Angeles';
  expect(holdText('2031-07-14T20:30:00Z', now, zone)).toEqual({ text: 'Held until 13:30 (25 min left)', expired: false });
  expect(holdText('2031-07-14T23:00:00Z', now, zone)).toEqual({ text: 'Held until 16:00', expired: false });
  expect(holdText('2031-07-15T16:00:00Z', now, zone)).toEqual({ text: 'Held until Tue, Jul 15 09:00', expired: false });
  expect(holdText('2031-07-14T20:00:00Z', now, zone)).toEqual({ text: 'Hold expired at 13:00', expired: true });
});

test('the waiting window names its days', () => {
  expect(windowLabel({ earliest: '2031-07-15', latest: '2031-07-18' })).toBe('Tue, Jul 15 – Fri, Jul 18');
  expect(windowLabel({ earliest: '2031-07-15', latest: '2031-07-15' })).toBe('Tue, Jul 15');
});

import { describe, expect, it } from 'vitest';
import { byUrgency, deadlineOf, type PrivacyIncident } from './incidents';

const incident = (over: Partial<PrivacyIncident>): PrivacyIncident => ({
  id: 'i1',
  location_id: 'loc-a',
  discovered_on: '2030-01-01',
  notification_deadline: '2030-03-02',
  description: 'Misdirected fax',
  individuals_affected: 3,
  notified_on: null,
  status: 'open',
  ...over,
});

describe('deadlineOf', () => {
  it('counts the days left until the deadline', () => {
    expect(deadlineOf(incident({}), '2030-02-20')).toMatchObject({ daysLeft: 10, overdue: false, label: '10 days left' });
    expect(deadlineOf(incident({}), '2030-03-01').label).toBe('1 day left');
    expect(deadlineOf(incident({}), '2030-03-02').label).toBe('Due today');
  });
  it('marks a passed deadline overdue by the days since', () => {
    expect(deadlineOf(incident({}), '2030-03-05')).toMatchObject({ daysLeft: -3, overdue: true, label: 'Overdue by 3 days' });
  });
  it('trusts the service when it says overdue (the location may already be a day on)', () => {
    expect(deadlineOf(incident({ status: 'overdue' }), '2030-03-02')).toMatchObject({ overdue: true, label: 'Overdue by 1 day' });
  });
  it('stops the clock once individuals are notified', () => {
    const d = deadlineOf(incident({ notified_on: '2030-02-01', status: 'notified' }), '2030-04-01');
    expect(d).toMatchObject({ overdue: false, done: true, label: 'Notified on 2030-02-01' });
  });
  it('puts open incidents first, nearest deadline first', () => {
    const later = incident({ id: 'later', notification_deadline: '2030-04-01' });
    const sooner = incident({ id: 'sooner', notification_deadline: '2030-03-01' });
    const done = incident({ id: 'done', notification_deadline: '2030-01-15', notified_on: '2030-01-10' });
    expect(byUrgency([later, done, sooner], '2030-02-01').map((i) => i.id)).toEqual(['sooner', 'later', 'done']);
  });
});

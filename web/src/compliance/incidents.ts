// Privacy incidents and their breach-notification deadline (60 days after discovery, HIPAA §164.404).
import type { Schemas } from '../api/client';
import { daysBetween } from './days';

export type PrivacyIncident = Schemas['CompliancePrivacyIncidentOut'];

export type Deadline = {
  daysLeft: number; // negative once the deadline has passed
  overdue: boolean;
  done: boolean; // individuals notified (or the incident closed): the clock no longer runs
  label: string;
};

/** Where an incident stands against its deadline today (the date at its location). */
export function deadlineOf(incident: PrivacyIncident, today: string): Deadline {
  const daysLeft = daysBetween(today, incident.notification_deadline);
  if (incident.notified_on) return { daysLeft, overdue: false, done: true, label: `Notified on ${incident.notified_on}` };
  if (incident.status === 'closed') return { daysLeft, overdue: false, done: true, label: 'Closed' };
  // The service judges overdue by the location's date too; either saying so marks it.
  const overdue = incident.status === 'overdue' || daysLeft < 0;
  if (overdue) {
    const late = Math.max(-daysLeft, 1);
    return { daysLeft, overdue, done: false, label: `Overdue by ${late} day${late === 1 ? '' : 's'}` };
  }
  if (daysLeft === 0) return { daysLeft, overdue, done: false, label: 'Due today' };
  return { daysLeft, overdue, done: false, label: `${daysLeft} day${daysLeft === 1 ? '' : 's'} left` };
}

/** Open incidents first, the nearest deadline first; the notified ones after. */
export function byUrgency(incidents: PrivacyIncident[], today: string): PrivacyIncident[] {
  const rank = (i: PrivacyIncident) => (deadlineOf(i, today).done ? 1 : 0);
  return [...incidents].sort(
    (a, b) => rank(a) - rank(b) || a.notification_deadline.localeCompare(b.notification_deadline),
  );
}

// The waitlist beside the calendar: who needs an answer first, and how their held slot reads at the location.
import type { Schemas } from '../api/client';
import { clock, dayLabel, wallTime } from './time';

export type WaitlistEntry = Schemas['SchedulingWaitlistEntryOut'];
export type Offer = Schemas['SchedulingWaitlistOfferOut'];

/** The slot held for the entry and awaiting the patient's answer, if any. */
export function pendingOffer(entry: WaitlistEntry): Offer | null {
  return entry.offer && entry.offer.status === 'offered' ? entry.offer : null;
}

/**
 * Entries holding a slot first, the hold that runs out soonest first (it needs an answer before the slot passes
 * to the next patient), then the others in the service's order, which is already best-ranked first.
 */
export function byUrgency(entries: WaitlistEntry[]): WaitlistEntry[] {
  const held = entries.filter((e) => pendingOffer(e));
  const waiting = entries.filter((e) => !pendingOffer(e));
  const expiry = (e: WaitlistEntry) => new Date(pendingOffer(e)!.expires_at).getTime();
  return [...held.sort((a, b) => expiry(a) - expiry(b)), ...waiting];
}

/** The offered time in the location's wall clock: "Tue, Jul 15 09:00–09:30". */
export function offeredTime(offer: Pick<Offer, 'start' | 'end'>, timeZone: string): string {
  const start = wallTime(offer.start, timeZone);
  const end = wallTime(offer.end, timeZone);
  const until = end.day === start.day ? clock(end.minutes) : `${dayLabel(end.day)} ${clock(end.minutes)}`;
  return `${dayLabel(start.day)} ${clock(start.minutes)}–${until}`;
}

/** How long the slot stays held: "Held until 14:30 (25 min left)", with the day when it is not today; or expired. */
export function holdText(expiresAt: string, now: Date, timeZone: string): { text: string; expired: boolean } {
  const expiry = wallTime(expiresAt, timeZone);
  const when = expiry.day === wallTime(now, timeZone).day ? clock(expiry.minutes) : `${dayLabel(expiry.day)} ${clock(expiry.minutes)}`;
  const left = Math.ceil((new Date(expiresAt).getTime() - now.getTime()) / 60_000);
  if (left <= 0) return { text: `Hold expired at ${when}`, expired: true };
  return { text: left < 60 ? `Held until ${when} (${left} min left)` : `Held until ${when}`, expired: false };
}

/** The days the patient could come: "Tue, Jul 15 – Fri, Jul 18", or the one day. */
export function windowLabel(entry: Pick<WaitlistEntry, 'earliest' | 'latest'>): string {
  return entry.earliest === entry.latest ? dayLabel(entry.earliest) : `${dayLabel(entry.earliest)} – ${dayLabel(entry.latest)}`;
}

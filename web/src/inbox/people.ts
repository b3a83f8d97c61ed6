// Who an owner or actor id is: the inbox names people by token subject (a user's staff id, or their user id).
import type { StaffMember } from '../api/client';
import { ROLE_LABELS } from '../shell/nav';

export const SYSTEM = 'system'; // what the inbox does by itself (a rule, a resolved cause, an escalation)

/** A name for an id: "you", a staff member's name when the list is readable (managers), else the id itself. */
export function namer(me: string, members: Pick<StaffMember, 'id' | 'given_name' | 'family_name'>[] = []) {
  const names = new Map(members.map((m) => [m.id, `${m.given_name} ${m.family_name}`]));
  return (id: string | null | undefined): string => {
    if (!id) return 'nobody';
    if (id === me) return 'you';
    if (id === SYSTEM) return 'the inbox';
    return names.get(id) ?? id;
  };
}

/** The people a manager may hand a task to: current staff at the location, by name, with their role. */
export function assignees(members: Pick<StaffMember, 'id' | 'given_name' | 'family_name' | 'role' | 'terminated_on'>[]) {
  return members
    .filter((m) => !m.terminated_on)
    .map((m) => ({ value: m.id, label: `${m.family_name}, ${m.given_name} (${m.role.replace(/_/g, ' ')})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

// The role pools a task can be moved to (a practice admin's is not a working pool).
export const POOLS = Object.entries(ROLE_LABELS)
  .filter(([role]) => role !== 'practice_admin')
  .map(([value, label]) => ({ value, label }));

// Which screens each role works in; a practice admin sees them all.

export type Screen = {
  path: string;
  label: string;
  roles: string[];
};

export const SCREENS: Screen[] = [
  { path: '/dashboard', label: 'Dashboard', roles: ['office_manager'] },
  { path: '/schedule', label: 'Schedule', roles: ['office_manager', 'front_desk', 'clinician'] },
  { path: '/flow', label: 'Flow board', roles: ['office_manager', 'front_desk', 'clinician'] },
  { path: '/inbox', label: 'Inbox', roles: ['office_manager', 'front_desk', 'clinician', 'biller', 'compliance_officer', 'facilities_coordinator'] },
  { path: '/patients', label: 'Patients', roles: ['office_manager', 'front_desk', 'clinician', 'biller'] },
  { path: '/billing', label: 'Billing', roles: ['office_manager', 'biller'] },
  { path: '/staff', label: 'Staff', roles: ['office_manager'] },
  { path: '/compliance', label: 'Compliance', roles: ['compliance_officer'] },
  { path: '/facilities', label: 'Facilities', roles: ['office_manager', 'facilities_coordinator'] },
];

export function screensFor(roles: string[]): Screen[] {
  if (roles.includes('practice_admin')) return SCREENS;
  return SCREENS.filter((s) => s.roles.some((r) => roles.includes(r)));
}

/** Where a user lands after signing in: the first screen of their role. */
export function homeFor(roles: string[]): string {
  return screensFor(roles)[0]?.path ?? '/inbox';
}

export const ROLE_LABELS: Record<string, string> = {
  practice_admin: 'Practice admin',
  office_manager: 'Office manager',
  front_desk: 'Front desk',
  clinician: 'Clinician',
  biller: 'Biller',
  compliance_officer: 'Compliance officer',
  facilities_coordinator: 'Facilities coordinator',
};

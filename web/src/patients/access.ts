// What each role sees of a patient: scheduling serves demographics to the desk's roles, billing serves money to the
// back office (a balance to the front desk too). Asking for what a role may not read would only add refusals to
// the PHI audit trail, so the screens leave those parts out instead of showing an error.

const has = (roles: string[], allowed: string[]) =>
  roles.includes('practice_admin') || roles.some((r) => allowed.includes(r));

/** Demographics, search, registration, appointments: scheduling's front-desk roles. */
export const mayReadPatients = (roles: string[]) => has(roles, ['front_desk', 'office_manager', 'clinician']);

export type PatientSections = {
  search: boolean;
  register: boolean;
  demographics: boolean;
  edit: boolean;
  appointments: boolean;
  merge: boolean;
  balance: boolean;
  coverage: boolean;
  statement: boolean;
  payments: boolean;
  claims: boolean;
};

export function patientSections(roles: string[]): PatientSections {
  const desk = mayReadPatients(roles);
  const backOffice = has(roles, ['biller', 'office_manager']);
  return {
    search: desk,
    register: desk,
    demographics: desk,
    edit: desk,
    appointments: desk,
    // Scheduling lets only a manager rewrite records (its merge route is `Manager`): the desk would collect 403s.
    merge: has(roles, ['office_manager']),
    balance: backOffice || has(roles, ['front_desk']),
    coverage: backOffice,
    statement: backOffice,
    payments: backOffice,
    claims: backOffice,
  };
}

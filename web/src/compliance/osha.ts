// The OSHA 300 log and 300A summary: the years to offer and the summary's figures in the form's order.

export type Summary300A = {
  location_id: string;
  year: number;
  total_cases: number;
  cases_by_classification: Record<string, number>;
  total_days_away: number;
  total_days_restricted: number;
  cases_by_injury_type: Record<string, number>;
};

export const CLASSIFICATION_LABELS: Record<string, string> = {
  death: 'Deaths (G)',
  days_away: 'Cases with days away from work (H)',
  job_transfer_or_restriction: 'Cases with job transfer or restriction (I)',
  other_recordable: 'Other recordable cases (J)',
};

export const INJURY_LABELS: Record<string, string> = {
  injury: 'Injuries',
  skin_disorder: 'Skin disorders',
  respiratory: 'Respiratory conditions',
  poisoning: 'Poisonings',
  hearing_loss: 'Hearing loss',
  all_other_illnesses: 'All other illnesses',
};

/** This year and the five before it: an employer keeps the 300 log five years after the year it covers. */
export function oshaYears(currentYear: number): string[] {
  return Array.from({ length: 6 }, (_, i) => String(currentYear - i));
}

export type Figure = { key: string; label: string; value: number };

/** The summary's counts as labelled rows, known columns in the form's order, unknown ones after. */
export function figures(counts: Record<string, number>, labels: Record<string, string>): Figure[] {
  const known = Object.keys(labels).filter((k) => k in counts);
  const other = Object.keys(counts).filter((k) => !(k in labels)).sort();
  return [...known, ...other].map((key) => ({ key, label: labels[key] ?? key.replace(/_/g, ' '), value: counts[key] }));
}

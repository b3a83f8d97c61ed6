import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_LABELS, figures, oshaYears } from './osha';

describe('OSHA', () => {
  it('offers this year and the five kept before it', () => {
    expect(oshaYears(2031)).toEqual(['2031', '2030', '2029', '2028', '2027', '2026']);
  });
  it('lists the 300A counts in the form’s column order, unknown ones after', () => {
    const rows = figures({ other_recordable: 1, death: 0, days_away: 2, extra_column: 4 }, CLASSIFICATION_LABELS);
    expect(rows.map((r) => r.key)).toEqual(['death', 'days_away', 'other_recordable', 'extra_column']);
    expect(rows[1]).toEqual({ key: 'days_away', label: 'Cases with days away from work (H)', value: 2 });
    expect(rows[3].label).toBe('extra column');
  });
});

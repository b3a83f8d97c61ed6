import { describe, expect, it } from 'vitest';
import { daysBetween, relativeDays } from './days';

describe('daysBetween', () => {
  it('counts whole local days, across a month and a DST change', () => {
    expect(daysBetween('2030-03-01', '2030-03-31')).toBe(30);
    expect(daysBetween('2030-03-31', '2030-03-01')).toBe(-30);
    expect(daysBetween('2030-11-02', '2030-11-04')).toBe(2);
    expect(daysBetween('2030-12-31', '2031-01-01')).toBe(1);
  });
  it('says how far a day is', () => {
    expect(relativeDays(0)).toBe('today');
    expect(relativeDays(1)).toBe('in 1 day');
    expect(relativeDays(-3)).toBe('3 days ago');
  });
});

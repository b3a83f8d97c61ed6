import { describe, expect, it } from 'vitest';
import { daysBetween, daysLeftLabel, groupByWindow, kindLabel, windowOf, type Credential } from './credentials';

const TODAY = '2031-06-01';
const credential = (id: string, expires_on: string | null, extra: Partial<Credential> = {}): Credential => ({
  id, staff_id: 's', kind: 'state_license', number: 'A1', issuer: 'Board', state: 'CA', issued_on: '2029-01-01', expires_on,
  status: 'active', suspension_reason: null, verification_status: 'verified', verified_by: null, verified_at: null, superseded_by: null, ...extra,
});

describe('windowOf', () => {
  it('uses the daily check’s thresholds, edges included', () => {
    expect(windowOf(credential('a', '2031-06-01'), TODAY)).toBe('30'); // good through its last day
    expect(windowOf(credential('a', '2031-07-01'), TODAY)).toBe('30'); // 30 days
    expect(windowOf(credential('a', '2031-07-02'), TODAY)).toBe('60');
    expect(windowOf(credential('a', '2031-07-31'), TODAY)).toBe('60'); // 60 days
    expect(windowOf(credential('a', '2031-08-30'), TODAY)).toBe('90'); // 90 days
    expect(windowOf(credential('a', '2031-08-31'), TODAY)).toBeNull();
    expect(windowOf(credential('a', '2031-05-31'), TODAY)).toBe('expired');
  });

  it('trusts the service’s expired status and ignores what is not an expiry concern', () => {
    expect(windowOf(credential('a', '2031-06-10', { status: 'expired' }), TODAY)).toBe('expired');
    expect(windowOf(credential('a', null), TODAY)).toBeNull();
    expect(windowOf(credential('a', '2031-06-10', { superseded_by: 'b' }), TODAY)).toBeNull();
    expect(windowOf(credential('a', '2031-06-10', { status: 'suspended' }), TODAY)).toBeNull();
  });
});

describe('groupByWindow', () => {
  it('keeps every window, most urgent first, soonest expiry first inside one', () => {
    const groups = groupByWindow(
      [
        { member: 'Lee, Dana', credentials: [credential('l1', '2031-06-20'), credential('l2', '2032-01-01'), credential('l3', '2031-05-01')] },
        { member: 'Berg, Ari', credentials: [credential('b1', '2031-06-05', { kind: 'bls', state: null })] },
      ],
      TODAY,
    );
    expect(groups.map((g) => [g.window, g.items.map((i) => i.credential.id)])).toEqual([
      ['expired', ['l3']],
      ['30', ['b1', 'l1']],
      ['60', []],
      ['90', []],
    ]);
    expect(groups[1].items[0]).toMatchObject({ member: 'Berg, Ari', daysLeft: 4 });
  });
});

it('counts days across a DST change as whole days', () => {
  expect(daysBetween('2031-03-08', '2031-03-10')).toBe(2);
  expect(daysBetween('2031-06-02', '2031-06-01')).toBe(-1);
});

it('labels kinds and days left', () => {
  expect(kindLabel({ kind: 'state_license', state: 'CA' })).toBe('State licence (CA)');
  expect(kindLabel({ kind: 'bls', state: null })).toBe('BLS/CPR');
  expect(daysLeftLabel(0)).toBe('expires today');
  expect(daysLeftLabel(1)).toBe('1 day left');
  expect(daysLeftLabel(-3)).toBe('expired 3 days ago');
});

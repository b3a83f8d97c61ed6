import { expect, test } from 'vitest';
import type { Location } from '../api/client';
import { reachable } from './LocationContext';
import { homeFor, screensFor } from './nav';

test('each role sees its own screens; an admin sees every one', () => {
  const biller = screensFor(['biller']).map((s) => s.label);
  expect(biller).toContain('Billing');
  expect(biller).not.toContain('Schedule');
  expect(screensFor(['compliance_officer']).map((s) => s.label)).toEqual(['Inbox', 'Compliance']);
  expect(screensFor(['practice_admin']).length).toBeGreaterThan(8);
  expect(homeFor(['front_desk'])).toBe('/schedule');
});

test('a token reaches only the locations it names', () => {
  const all = [{ location_id: 'a' }, { location_id: 'b' }] as Location[];
  expect(reachable(all, ['b']).map((l) => l.location_id)).toEqual(['b']);
  expect(reachable(all, ['*'])).toHaveLength(2);
  expect(reachable(all, [])).toHaveLength(0);
});

import { expect, test } from 'vitest';
import { assignees, namer, POOLS } from './people';

test('ids read as "you", the inbox, a staff name, or themselves', () => {
  const nameOf = namer('me', [{ id: 'st-1', given_name: 'Ana', family_name: 'Lee' }]);
  expect([nameOf('me'), nameOf('system'), nameOf('st-1'), nameOf('u-42'), nameOf(null)]).toEqual([
    'you',
    'the inbox',
    'Ana Lee',
    'u-42',
    'nobody',
  ]);
});

test('a manager hands tasks to current staff only, by family name', () => {
  const people = assignees([
    { id: '2', given_name: 'Sam', family_name: 'Ortiz', role: 'receptionist', terminated_on: null },
    { id: '1', given_name: 'Ana', family_name: 'Lee', role: 'medical_assistant', terminated_on: null },
    { id: '3', given_name: 'Gone', family_name: 'Away', role: 'biller', terminated_on: '2020-01-01' },
  ]);
  expect(people).toEqual([
    { value: '1', label: 'Lee, Ana (medical assistant)' },
    { value: '2', label: 'Ortiz, Sam (receptionist)' },
  ]);
  expect(POOLS.map((p) => p.value)).not.toContain('practice_admin');
});

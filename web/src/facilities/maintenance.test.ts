import { describe, expect, it } from 'vitest';
import { dueLabel, maintenanceDue, type Equipment, type MaintenanceTask } from './maintenance';

const device = (id: string): Equipment => ({
  equipment_id: id,
  asset_tag: id.toUpperCase(),
  kind: 'autoclave',
  room_id: null,
  manufacturer: null,
  model: null,
  serial: null,
  install_date: '2029-01-01',
  criticality: 'critical',
  location_id: 'loc-a',
  status: 'in_service',
  usage: 0,
});
const task = (equipment_id: string, due_on: string, over: Partial<MaintenanceTask> = {}): MaintenanceTask => ({
  task_id: `${equipment_id}-${due_on}`,
  plan_id: 'p',
  equipment_id,
  title: 'Spore test',
  due_on,
  due_at_usage: null,
  status: 'open',
  overdue: false,
  ...over,
});

describe('maintenance due', () => {
  it('gives each device its earliest open task, overdue first, devices with nothing due last', () => {
    const rows = maintenanceDue(
      [device('a'), device('b'), device('c')],
      [task('a', '2030-02-10'), task('a', '2030-03-10'), task('b', '2030-01-25'), task('c', '2030-01-01', { status: 'done' })],
      '2030-02-01',
    );
    expect(rows.map((r) => [r.equipment.equipment_id, r.next?.due_on ?? null, r.overdue])).toEqual([
      ['b', '2030-01-25', true],
      ['a', '2030-02-10', false],
      ['c', null, false],
    ]);
    expect(rows[1].openTasks).toBe(2);
    expect(dueLabel(rows[0])).toBe('Overdue by 7 days');
    expect(dueLabel(rows[1])).toBe('Due in 9 days');
    expect(dueLabel(rows[2])).toBe('Nothing due');
  });
  it('trusts the service’s overdue flag and says due today', () => {
    const [row] = maintenanceDue([device('a')], [task('a', '2030-02-01', { overdue: true })], '2030-02-01');
    expect(dueLabel(row)).toBe('Overdue');
    const [today] = maintenanceDue([device('a')], [task('a', '2030-02-01')], '2030-02-01');
    expect(dueLabel(today)).toBe('Due today');
  });
});

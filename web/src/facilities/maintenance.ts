// Equipment and its preventive maintenance: each device's next open task, overdue ones first.
import type { Schemas } from '../api/client';
import { daysBetween } from '../compliance/days';

export type Equipment = Schemas['FacilitiesEquipmentOut'];
export type MaintenanceTask = Schemas['FacilitiesTaskOut'];

export type EquipmentDue = {
  equipment: Equipment;
  next: MaintenanceTask | null; // the earliest open task
  openTasks: number;
  daysUntil: number | null; // negative: overdue by that many days
  overdue: boolean;
};

/** One row per device with its earliest open task; overdue first, then by due date, devices with nothing due last. */
export function maintenanceDue(equipment: Equipment[], tasks: MaintenanceTask[], today: string): EquipmentDue[] {
  const open = tasks.filter((t) => t.status === 'open');
  const rows = equipment.map((device) => {
    const mine = open.filter((t) => t.equipment_id === device.equipment_id).sort((a, b) => a.due_on.localeCompare(b.due_on));
    const next = mine[0] ?? null;
    const daysUntil = next ? daysBetween(today, next.due_on) : null;
    // The service marks overdue by the location's date; a day passing while the screen is open counts too.
    const overdue = !!next && (next.overdue || (daysUntil ?? 0) < 0);
    return { equipment: device, next, openTasks: mine.length, daysUntil, overdue };
  });
  return rows.sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (!a.next || !b.next) return a.next ? -1 : b.next ? 1 : a.equipment.asset_tag.localeCompare(b.equipment.asset_tag);
    return a.next.due_on.localeCompare(b.next.due_on);
  });
}

/** "Overdue by 3 days", "Due today", "Due in 5 days", "Nothing due". */
export function dueLabel(row: Pick<EquipmentDue, 'daysUntil' | 'overdue'>): string {
  if (row.daysUntil === null) return 'Nothing due';
  const n = Math.abs(row.daysUntil);
  const days = `${n} day${n === 1 ? '' : 's'}`;
  if (row.overdue) return row.daysUntil < 0 ? `Overdue by ${days}` : 'Overdue';
  return row.daysUntil === 0 ? 'Due today' : `Due in ${days}`;
}

// Supplies at or under their reorder point, and purchase orders' states.
import type { Schemas } from '../api/client';

export type StockLine = Schemas['FacilitiesLowStockOut'];
export type PurchaseOrder = Schemas['FacilitiesPurchaseOrderOut'];

/** What is at or below its reorder point, the furthest under first (the service's `low_stock` says the same). */
export function atOrUnderReorder(items: StockLine[]): StockLine[] {
  return items
    .filter((i) => i.on_hand <= i.reorder_point)
    .sort((a, b) => a.on_hand - a.reorder_point - (b.on_hand - b.reorder_point) || a.name.localeCompare(b.name));
}

/** "2 under", "at the point": how far on hand is from the reorder point. */
export function shortfallLabel(item: StockLine): string {
  const under = item.reorder_point - item.on_hand;
  if (item.on_hand === 0) return 'Out of stock';
  return under === 0 ? 'At the reorder point' : `${under} ${item.unit} under`;
}

export const ORDER_STATUS: Record<string, { label: string; colour: string }> = {
  draft: { label: 'Draft', colour: 'gray' },
  ordered: { label: 'Ordered', colour: 'blue' },
  partially_received: { label: 'Partly received', colour: 'yellow' },
  received: { label: 'Received', colour: 'green' },
  cancelled: { label: 'Cancelled', colour: 'red' },
};

export function orderStatus(status: string): { label: string; colour: string } {
  return ORDER_STATUS[status] ?? { label: status.replace(/_/g, ' '), colour: 'gray' };
}

/** Units received of units ordered, over all lines. */
export function received(order: PurchaseOrder): { received: number; ordered: number } {
  return order.lines.reduce(
    (t, l) => ({ received: t.received + l.received_quantity, ordered: t.ordered + l.quantity }),
    { received: 0, ordered: 0 },
  );
}

/** What still waits on the vendor (or the coordinator, for a draft) before what is done. */
export function openOrdersFirst(orders: PurchaseOrder[]): PurchaseOrder[] {
  const done = (o: PurchaseOrder) => (o.status === 'received' || o.status === 'cancelled' ? 1 : 0);
  return [...orders].sort((a, b) => done(a) - done(b) || b.created_at.localeCompare(a.created_at));
}

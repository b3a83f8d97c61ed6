import { describe, expect, it } from 'vitest';
import { atOrUnderReorder, openOrdersFirst, orderStatus, received, shortfallLabel, type PurchaseOrder, type StockLine } from './stock';

const item = (name: string, on_hand: number, reorder_point: number): StockLine => ({ item_id: name, name, unit: 'box', on_hand, reorder_point });
const po = (id: string, status: string, created_at: string): PurchaseOrder => ({
  purchase_order_id: id,
  location_id: 'loc-a',
  vendor: 'Medline',
  status,
  automatic: true,
  lines: [
    { line_number: 1, item_id: 'g', item: 'Gloves', quantity: 10, unit_price: '5.00', received_quantity: 4 },
    { line_number: 2, item_id: 'm', item: 'Masks', quantity: 5, unit_price: '2.00', received_quantity: 0 },
  ],
  total: '60.00',
  created_at,
  ordered_at: null,
  received_at: null,
});

describe('supplies', () => {
  it('keeps what is at or under its reorder point, furthest under first', () => {
    const rows = atOrUnderReorder([item('Gauze', 20, 10), item('Gloves', 3, 10), item('Masks', 10, 10), item('Swabs', 0, 2)]);
    expect(rows.map((r) => r.name)).toEqual(['Gloves', 'Swabs', 'Masks']);
    expect(rows.map(shortfallLabel)).toEqual(['7 box under', 'Out of stock', 'At the reorder point']);
  });
  it('labels order states and counts what arrived', () => {
    expect(orderStatus('partially_received').label).toBe('Partly received');
    expect(orderStatus('on_hold').label).toBe('on hold');
    expect(received(po('a', 'ordered', '2030-01-01T00:00:00Z'))).toEqual({ received: 4, ordered: 15 });
  });
  it('lists open orders before finished ones, newest first', () => {
    const rows = [po('done', 'received', '2030-01-03T00:00:00Z'), po('old', 'ordered', '2030-01-01T00:00:00Z'), po('new', 'draft', '2030-01-02T00:00:00Z')];
    expect(openOrdersFirst(rows).map((o) => o.purchase_order_id)).toEqual(['new', 'old', 'done']);
  });
});

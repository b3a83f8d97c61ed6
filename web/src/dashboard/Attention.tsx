import { List, Text } from '@mantine/core';
import type { Schemas } from '../api/client';
import { Empty } from '../screens/states';

type Stock = Schemas['SupplyItem'];
type Room = Schemas['Room'];
type WorkOrder = Schemas['WorkOrder'];
type Alert = Schemas['Alert'];

const units = (n: string, unit?: string | null) => `${Number(n)}${unit ? ` ${unit}` : ''}`;

export function StockAlerts({ low }: { low: Stock[] }) {
  if (!low.length) return <Empty>No supply is at or below its reorder point.</Empty>;
  return (
    <List size="sm" spacing={2} data-stock>
      {low.map((s) => (
        <List.Item key={s.item_id}>
          <Text span fw={600} size="sm">
            {s.name}
          </Text>
          : {units(s.on_hand, s.unit)} on hand, reorder at {units(s.reorder_point, s.unit)}
        </List.Item>
      ))}
    </List>
  );
}

export function RoomsOut({ rooms }: { rooms: Room[] }) {
  if (!rooms.length) return <Empty>Every room is in service.</Empty>;
  return (
    <List size="sm" spacing={2}>
      {rooms.map((r) => (
        <List.Item key={r.room_id}>
          {r.name ?? r.room_id}
          {r.out_of_service_reason ? `: ${r.out_of_service_reason}` : ''}
        </List.Item>
      ))}
    </List>
  );
}

export function OpenWorkOrders({ orders }: { orders: WorkOrder[] }) {
  if (!orders.length) return <Empty>No open work orders.</Empty>;
  return (
    <List size="sm" spacing={2}>
      {orders.map((o) => (
        <List.Item key={o.work_order_id}>
          {o.title}
          {o.priority ? ` (${o.priority})` : ''}
        </List.Item>
      ))}
    </List>
  );
}

export function ComplianceAlerts({ alerts }: { alerts: Alert[] }) {
  if (!alerts.length) return <Empty>No open compliance alerts.</Empty>;
  return (
    <List size="sm" spacing={2}>
      {alerts.map((a) => (
        <List.Item key={a.alert_id}>
          {a.kind} · {a.severity}
          {a.subject ? `: ${a.subject}` : ''}
        </List.Item>
      ))}
    </List>
  );
}

import { Badge, Button, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../api/client';
import { cents, money } from '../billing/money';
import { Problem } from '../compliance/Problem';
import { Empty, Failed, Loading } from '../screens/states';
import { useLowStock, usePurchaseOrders } from './queries';
import { atOrUnderReorder, openOrdersFirst, orderStatus, received, shortfallLabel } from './stock';

/** Supplies at or under their reorder point beside the purchase orders that refill them. */
export function StockPanel({ locationId }: { locationId: string }) {
  const low = useLowStock(locationId);
  const orders = usePurchaseOrders(locationId);
  const queries = useQueryClient();
  const place = useMutation({
    mutationFn: async (id: string) =>
      must(await api.POST('/api/v1/facilities/purchase-orders/{purchase_order_id}/order', { params: { path: { purchase_order_id: id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['facilities', 'purchase-orders', locationId] }),
  });
  const items = atOrUnderReorder(low.data ?? []);
  const rows = openOrdersFirst(orders.data ?? []);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
      <Stack component="section" aria-labelledby="low-stock-title" gap="sm" data-low-stock>
        <Title order={3} id="low-stock-title">
          Supplies to reorder
        </Title>
        {low.error ? (
          <Failed error={low.error} retry={() => void low.refetch()} />
        ) : low.isLoading ? (
          <Loading what="supplies" />
        ) : items.length === 0 ? (
          <Empty>Every supply is above its reorder point.</Empty>
        ) : (
          <Table withTableBorder verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Item</Table.Th>
                <Table.Th scope="col" ta="right">
                  On hand
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Reorder point
                </Table.Th>
                <Table.Th scope="col">Short</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.item_id} data-supply={i.name}>
                  <Table.Td>{i.name}</Table.Td>
                  <Table.Td ta="right">
                    {i.on_hand} {i.unit}
                  </Table.Td>
                  <Table.Td ta="right">{i.reorder_point}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={i.on_hand === 0 ? 'red' : i.on_hand < i.reorder_point ? 'orange' : 'yellow'}>
                      {shortfallLabel(i)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Stack component="section" aria-labelledby="orders-title" gap="sm" data-purchase-orders>
        <Title order={3} id="orders-title">
          Purchase orders
        </Title>
        <Problem error={place.error} title="Not ordered" />
        {orders.error ? (
          <Failed error={orders.error} retry={() => void orders.refetch()} />
        ) : orders.isLoading ? (
          <Loading what="purchase orders" />
        ) : rows.length === 0 ? (
          <Empty>No purchase order at this location.</Empty>
        ) : (
          <Table withTableBorder verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Vendor</Table.Th>
                <Table.Th scope="col">Items</Table.Th>
                <Table.Th scope="col" ta="right">
                  Total
                </Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const status = orderStatus(o.status);
                const got = received(o);
                return (
                  <Table.Tr key={o.purchase_order_id} data-purchase-order={o.purchase_order_id}>
                    <Table.Td>
                      {o.vendor}
                      <Text size="xs" c="dimmed">
                        {new Date(o.created_at).toLocaleDateString()}
                        {o.automatic ? ' · drafted at the reorder point' : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{o.lines.map((l) => `${l.item} × ${l.quantity}`).join(', ')}</Table.Td>
                    <Table.Td ta="right">{money(cents(o.total))}</Table.Td>
                    <Table.Td miw={120}>
                      <Badge variant="light" color={status.colour} style={{ overflow: 'visible' }}>
                        {status.label}
                      </Badge>
                      {o.status === 'partially_received' && (
                        <Text size="xs" c="dimmed">
                          {got.received} of {got.ordered} received
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {o.status === 'draft' && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          loading={place.isPending && place.variables === o.purchase_order_id}
                          onClick={() => place.mutate(o.purchase_order_id)}
                        >
                          Place order
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </SimpleGrid>
  );
}

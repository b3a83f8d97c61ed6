import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client';
import { Problem } from '../compliance/Problem';
import { Empty, Failed, Loading } from '../screens/states';
import { byColumn, COLUMNS, moveBetween, movesFrom, PRIORITY_COLOURS, type Move, type WorkOrder } from './board';
import { useWorkOrders } from './queries';

type Moving = { order: WorkOrder; move: Move; resolution?: string };

/** Work orders by status; a card moves by its buttons or by dragging it to a column the life cycle allows. */
export function WorkOrderBoard({ locationId }: { locationId: string }) {
  const orders = useWorkOrders(locationId);
  const queries = useQueryClient();
  const [resolving, setResolving] = useState<string | null>(null); // the card asking for its resolution
  const [resolution, setResolution] = useState('');
  const [dragged, setDragged] = useState<WorkOrder | null>(null);
  const move = useMutation({
    mutationFn: async ({ order, move, resolution }: Moving) => {
      const path = { params: { path: { work_order_id: order.work_order_id } } };
      if (move.route === 'start') return must(await api.POST('/api/v1/facilities/work-orders/{work_order_id}/start', path));
      if (move.route === 'close') return must(await api.POST('/api/v1/facilities/work-orders/{work_order_id}/close', { ...path, body: {} }));
      return must(
        await api.POST('/api/v1/facilities/work-orders/{work_order_id}/resolve', { ...path, body: { resolution: resolution ?? '' } }),
      );
    },
    onSuccess: () => {
      setResolving(null);
      setResolution('');
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['facilities', 'work-orders', locationId] }),
  });
  const go = (order: WorkOrder, m: Move) => (m.needsResolution ? setResolving(order.work_order_id) : move.mutate({ order, move: m }));
  const columns = byColumn(orders.data ?? []);
  return (
    <Stack component="section" aria-labelledby="board-title" gap="sm" data-work-orders>
      <Title order={3} id="board-title">
        Work orders
      </Title>
      <Problem error={move.error} title="Not moved" />
      {orders.error ? (
        <Failed error={orders.error} retry={() => void orders.refetch()} />
      ) : orders.isLoading ? (
        <Loading what="work orders" />
      ) : (orders.data ?? []).length === 0 ? (
        <Empty>No work order at this location.</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {COLUMNS.map((column) => {
            const droppable = !!dragged && !!moveBetween(dragged.status, column.status);
            return (
              <Stack
                key={column.status}
                gap="xs"
                component="section"
                aria-labelledby={`column-${column.status}`}
                data-column={column.status}
                p={4}
                style={{ borderRadius: 6, outline: droppable ? '2px dashed var(--mantine-color-blue-6)' : undefined }}
                onDragOver={(e) => droppable && e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  const m = dragged && moveBetween(dragged.status, column.status);
                  if (dragged && m) go(dragged, m);
                  setDragged(null);
                }}
              >
                <Group justify="space-between">
                  <Title order={4} size="h5" id={`column-${column.status}`}>
                    {column.title}
                  </Title>
                  <Badge variant="light">{columns[column.status].length}</Badge>
                </Group>
                {columns[column.status].map((o) => (
                  <Card
                    key={o.work_order_id}
                    withBorder
                    padding="xs"
                    data-work-order={o.work_order_id}
                    draggable={movesFrom(o.status).length > 0}
                    onDragStart={() => setDragged(o)}
                    onDragEnd={() => setDragged(null)}
                  >
                    <Group justify="space-between" gap={4} wrap="nowrap">
                      <Text fw={600} size="sm">
                        {o.title}
                      </Text>
                      <Badge size="xs" variant="light" color={PRIORITY_COLOURS[o.priority] ?? 'gray'}>
                        {o.priority}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      Reported {new Date(o.reported_at).toLocaleDateString()}
                      {o.room_id ? ` · room ${o.room_id}` : ''}
                      {o.equipment_id ? ' · equipment' : ''}
                    </Text>
                    {resolving === o.work_order_id ? (
                      <form
                        onSubmit={(e) => {
                          e.preventDefault();
                          const m = movesFrom(o.status).find((x) => x.route === 'resolve');
                          if (m) move.mutate({ order: o, move: m, resolution: resolution.trim() });
                        }}
                      >
                        <Stack gap={4} mt={6}>
                          <TextInput size="xs" label="What fixed it" value={resolution} onChange={(e) => setResolution(e.currentTarget.value)} />
                          <Group gap={4}>
                            <Button type="submit" size="compact-xs" disabled={!resolution.trim()} loading={move.isPending}>
                              Resolve
                            </Button>
                            <Button size="compact-xs" variant="default" onClick={() => setResolving(null)}>
                              Cancel
                            </Button>
                          </Group>
                        </Stack>
                      </form>
                    ) : (
                      <Group gap={4} mt={6}>
                        {movesFrom(o.status).map((m) => (
                          <Button
                            key={m.to}
                            size="compact-xs"
                            variant={m.route === 'start' && o.status === 'resolved' ? 'default' : 'light'}
                            loading={move.isPending && move.variables?.order.work_order_id === o.work_order_id && move.variables.move.to === m.to}
                            onClick={() => go(o, m)}
                            aria-label={`${m.label}: ${o.title}`}
                          >
                            {m.label}
                          </Button>
                        ))}
                      </Group>
                    )}
                  </Card>
                ))}
              </Stack>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}

import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../api/client';
import { Problem } from '../compliance/Problem';
import { Empty, Failed, Loading } from '../screens/states';
import { dueLabel, maintenanceDue } from './maintenance';
import { useEquipment, useOpenMaintenance } from './queries';

/** The location's devices with their next preventive maintenance; overdue first and marked. */
export function EquipmentPanel({ locationId, today }: { locationId: string; today: string }) {
  const equipment = useEquipment(locationId);
  const tasks = useOpenMaintenance(locationId);
  const queries = useQueryClient();
  const complete = useMutation({
    mutationFn: async (taskId: string) =>
      must(await api.POST('/api/v1/facilities/maintenance-tasks/{task_id}/complete', { params: { path: { task_id: taskId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['facilities'] }),
  });
  const error = equipment.error ?? tasks.error;
  const rows = maintenanceDue(equipment.data ?? [], tasks.data ?? [], today);
  return (
    <Stack component="section" aria-labelledby="equipment-title" gap="sm" data-equipment>
      <Title order={3} id="equipment-title">
        Equipment and maintenance due
      </Title>
      <Problem error={complete.error} />
      {error ? (
        <Failed error={error} retry={() => void Promise.all([equipment.refetch(), tasks.refetch()])} />
      ) : equipment.isLoading || tasks.isLoading ? (
        <Loading what="equipment" />
      ) : rows.length === 0 ? (
        <Empty>No equipment is registered at this location.</Empty>
      ) : (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Asset</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Room</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Next maintenance</Table.Th>
              <Table.Th scope="col">Due</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.equipment.equipment_id} data-equipment-row={r.equipment.asset_tag} data-overdue={r.overdue || undefined}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {r.equipment.asset_tag}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[r.equipment.manufacturer, r.equipment.model].filter(Boolean).join(' ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.equipment.kind}
                  {r.equipment.criticality === 'critical' && (
                    <Badge ml={4} size="xs" variant="light" color="grape">
                      critical
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.equipment.room_id ?? '—'}</Table.Td>
                <Table.Td>{r.equipment.status.replace(/_/g, ' ')}</Table.Td>
                <Table.Td>
                  {r.next ? `${r.next.title} (${r.next.due_on})` : '—'}
                  {r.openTasks > 1 && (
                    <Text size="xs" c="dimmed">
                      {r.openTasks} open tasks
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.overdue ? 'red' : r.daysUntil === null ? 'gray' : r.daysUntil <= 7 ? 'orange' : 'blue'}>
                    {dueLabel(r)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.next && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={complete.isPending && complete.variables === r.next.task_id}
                      onClick={() => complete.mutate(r.next!.task_id)}
                    >
                      Mark done
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

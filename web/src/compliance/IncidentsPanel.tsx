import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { byUrgency, deadlineOf } from './incidents';
import { Problem } from './Problem';
import { usePrivacyIncidents } from './queries';

/** Privacy incidents with the days left before individuals must be notified; overdue ones marked. */
export function IncidentsPanel({ locationId, today }: { locationId: string; today: string }) {
  const incidents = usePrivacyIncidents(locationId);
  const queries = useQueryClient();
  const notified = useMutation({
    mutationFn: async (id: string) =>
      must(
        await api.POST('/api/v1/compliance/privacy-incidents/{incident_id}/notification', {
          params: { path: { incident_id: id } },
          body: { notified_on: today },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['compliance'] }),
  });
  const rows = byUrgency(incidents.data ?? [], today);
  return (
    <Stack component="section" aria-labelledby="incidents-title" gap="sm" data-incidents>
      <Title order={3} id="incidents-title">
        Privacy incidents
      </Title>
      <Text size="sm" c="dimmed">
        Affected individuals must be notified within 60 days of discovery.
      </Text>
      <Problem error={notified.error} />
      {incidents.error ? (
        <Failed error={incidents.error} retry={() => void incidents.refetch()} />
      ) : incidents.isLoading ? (
        <Loading what="privacy incidents" />
      ) : rows.length === 0 ? (
        <Empty>No privacy incident logged at this location.</Empty>
      ) : (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Discovered</Table.Th>
              <Table.Th scope="col">What happened</Table.Th>
              <Table.Th scope="col" ta="right">
                People affected
              </Table.Th>
              <Table.Th scope="col">Notify by</Table.Th>
              <Table.Th scope="col">Deadline</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((i) => {
              const deadline = deadlineOf(i, today);
              return (
                <Table.Tr key={i.id} data-incident={i.id} data-overdue={deadline.overdue || undefined}>
                  <Table.Td>{i.discovered_on}</Table.Td>
                  <Table.Td>{i.description}</Table.Td>
                  <Table.Td ta="right">{i.individuals_affected}</Table.Td>
                  <Table.Td>{i.notification_deadline}</Table.Td>
                  <Table.Td data-deadline>
                    <Badge color={deadline.done ? 'green' : deadline.overdue ? 'red' : deadline.daysLeft <= 10 ? 'orange' : 'blue'} variant="light">
                      {deadline.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {!deadline.done && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        loading={notified.isPending && notified.variables === i.id}
                        onClick={() => notified.mutate(i.id)}
                      >
                        Notified today
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
  );
}

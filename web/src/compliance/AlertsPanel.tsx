import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { alertActions, bySeverity, kindLabel, SEVERITY_COLOURS, type Alert } from './alerts';
import { Problem } from './Problem';
import { useOpenAlerts } from './queries';

/** The location's unresolved alerts, most severe first: acknowledge what was seen, resolve with a reason. */
export function AlertsPanel({ locationId }: { locationId: string }) {
  const alerts = useOpenAlerts(locationId);
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['compliance'] });
  const acknowledge = useMutation({
    mutationFn: async (id: string) =>
      must(await api.POST('/api/v1/compliance/alerts/{alert_id}/acknowledge', { params: { path: { alert_id: id } } })),
    onSuccess: refresh,
  });
  const [resolving, setResolving] = useState<string | null>(null);
  const [resolution, setResolution] = useState('');
  const resolve = useMutation({
    mutationFn: async (id: string) =>
      must(
        await api.POST('/api/v1/compliance/alerts/{alert_id}/resolve', {
          params: { path: { alert_id: id } },
          body: { resolution: resolution.trim() },
        }),
      ),
    onSuccess: () => {
      setResolving(null);
      setResolution('');
      void refresh();
    },
  });
  const rows: Alert[] = bySeverity(alerts.data ?? []);
  return (
    <Stack component="section" aria-labelledby="alerts-title" gap="sm" data-alerts>
      <Title order={3} id="alerts-title">
        Open alerts
      </Title>
      <Problem error={acknowledge.error ?? resolve.error} />
      {alerts.error ? (
        <Failed error={alerts.error} retry={() => void alerts.refetch()} />
      ) : alerts.isLoading ? (
        <Loading what="alerts" />
      ) : rows.length === 0 ? (
        <Empty>No open alert at this location.</Empty>
      ) : (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Severity</Table.Th>
              <Table.Th scope="col">Alert</Table.Th>
              <Table.Th scope="col">About</Table.Th>
              <Table.Th scope="col">Raised</Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => {
              const can = alertActions(a.status);
              return (
                <Table.Tr key={a.alert_id} data-alert={a.alert_id}>
                  <Table.Td>
                    <Badge color={SEVERITY_COLOURS[a.severity] ?? 'gray'} variant="light">
                      {a.severity}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{kindLabel(a.kind)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {a.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>{new Date(a.raised_at).toLocaleString()}</Table.Td>
                  <Table.Td>{a.status}</Table.Td>
                  <Table.Td>
                    {resolving === a.alert_id ? (
                      <Group gap={4} align="end">
                        <TextInput
                          size="xs"
                          label="Resolution"
                          value={resolution}
                          onChange={(e) => setResolution(e.currentTarget.value)}
                        />
                        <Button
                          size="compact-xs"
                          disabled={!resolution.trim()}
                          loading={resolve.isPending}
                          onClick={() => resolve.mutate(a.alert_id)}
                        >
                          Resolve
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => setResolving(null)}>
                          Cancel
                        </Button>
                      </Group>
                    ) : (
                      <Group gap={4}>
                        {can.acknowledge && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            loading={acknowledge.isPending && acknowledge.variables === a.alert_id}
                            onClick={() => acknowledge.mutate(a.alert_id)}
                          >
                            Acknowledge
                          </Button>
                        )}
                        {can.resolve && (
                          <Button size="compact-xs" variant="default" onClick={() => setResolving(a.alert_id)}>
                            Resolve…
                          </Button>
                        )}
                      </Group>
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

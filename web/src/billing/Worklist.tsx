import { Anchor, Badge, Group, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePatientNames } from '../schedule/patients';
import { Empty, Failed, Loading } from '../screens/states';
import { formatAmount, money } from './money';
import { useWorklist } from './queries';
import { STATUS_COLOURS, byStatus, carcOf, reasonParts, worklistColumns } from './worklist';

/** The location's claims by status, each with why it waits: the scrubber's rule and field, a denial's CARC. */
export function Worklist({ locationId, roles }: { locationId: string; roles: string[] }) {
  const [scope, setScope] = useState<'attention' | 'all'>('all');
  const worklist = useWorklist(locationId, scope === 'attention');
  const { patientByName } = worklistColumns(roles);
  const rows = worklist.data ?? [];
  // Names only for roles scheduling shows them to; a biller's reads would all be refused (and audited).
  const names = usePatientNames(patientByName ? rows.map((r) => r.patient_id) : []);
  const groups = byStatus(rows);
  return (
    <Stack component="section" aria-labelledby="worklist-title" gap="sm">
      <Group justify="space-between">
        <Title order={3} id="worklist-title">
          Claims worklist
        </Title>
        <SegmentedControl
          aria-label="Which claims"
          size="xs"
          value={scope}
          onChange={(v) => setScope(v as 'attention' | 'all')}
          data={[
            { value: 'all', label: 'All claims' },
            { value: 'attention', label: 'Needs attention' },
          ]}
        />
      </Group>
      {worklist.error ? (
        <Failed error={worklist.error} retry={() => void worklist.refetch()} />
      ) : worklist.isLoading ? (
        <Loading what="claims" />
      ) : rows.length === 0 ? (
        <Empty>{scope === 'attention' ? 'No claim needs attention here.' : 'No claim at this location yet.'}</Empty>
      ) : (
        <Table striped withTableBorder verticalSpacing="xs" data-worklist>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Claim</Table.Th>
              <Table.Th scope="col">Patient</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col" ta="right">
                Charge
              </Table.Th>
              <Table.Th scope="col">Why it waits</Table.Th>
            </Table.Tr>
          </Table.Thead>
          {groups.map((group) => (
            <Table.Tbody key={group.status} data-status-group={group.status}>
              <Table.Tr>
                <Table.Th scope="rowgroup" colSpan={5} bg="gray.1">
                  {group.label} · {group.rows.length} · {money(group.totalCents)}
                </Table.Th>
              </Table.Tr>
              {group.rows.map((row) => {
                const carc = carcOf(row.reason);
                return (
                  <Table.Tr key={row.claim_id} data-claim={row.claim_id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/billing/claims/${row.claim_id}`} size="sm">
                        Claim {row.claim_id.slice(0, 8)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/patients/${row.patient_id}`} size="sm">
                        {patientByName ? names(row.patient_id) : `Patient ${row.patient_id.slice(0, 8)}`}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOURS[row.status] ?? 'gray'} variant="light">
                        {row.status.replace('_', ' ')}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{formatAmount(row.total)}</Table.Td>
                    <Table.Td>
                      {carc && (
                        <Text size="sm" c="red.9" fw={600}>
                          Denied, CARC {carc}
                        </Text>
                      )}
                      <List size="sm" spacing={0}>
                        {reasonParts(row.reason).map((part) => (
                          <List.Item key={part}>{part}</List.Item>
                        ))}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          ))}
        </Table>
      )}
    </Stack>
  );
}

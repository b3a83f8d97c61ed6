import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { accountingFilename, newestFirst, summarize } from './accounting';
import { downloadText } from './download';
import { Problem } from './Problem';
import { useAccounting } from './queries';

/** One patient's accounting of access: who read or changed her record, when and with what outcome; as CSV too. */
export function AccountingPanel({ today }: { today: string }) {
  const [draft, setDraft] = useState('');
  const [patientId, setPatientId] = useState<string | null>(null);
  const accounting = useAccounting(patientId);
  const csv = useMutation({
    mutationFn: async (id: string) =>
      must(
        await api.GET('/api/v1/compliance/audit/records.csv', { params: { query: { patient_id: id } }, parseAs: 'text' }),
      ) as string,
    onSuccess: (text, id) => downloadText(accountingFilename(id, today), text, 'text/csv'),
  });
  const rows = newestFirst(accounting.data ?? []);
  const summary = summarize(rows);
  return (
    <Stack component="section" aria-labelledby="accounting-title" gap="sm" data-accounting>
      <Title order={3} id="accounting-title">
        Accounting of access
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) setPatientId(draft.trim());
        }}
      >
        <Group align="end">
          <TextInput
            label="Patient id"
            description="From the patient's page; every lookup is itself recorded"
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            w={360}
          />
          <Button type="submit" disabled={!draft.trim()}>
            Show accesses
          </Button>
          <Button
            variant="light"
            disabled={!patientId}
            loading={csv.isPending}
            onClick={() => patientId && csv.mutate(patientId)}
          >
            Download CSV
          </Button>
        </Group>
      </form>
      <Problem error={csv.error} title="The CSV was not made" />
      {!patientId ? (
        <Text size="sm" c="dimmed">
          Enter a patient id to see who accessed her record.
        </Text>
      ) : accounting.error ? (
        <Failed error={accounting.error} retry={() => void accounting.refetch()} />
      ) : accounting.isLoading ? (
        <Loading what="the accounting" />
      ) : rows.length === 0 ? (
        <Empty>No access to this patient's record is on the trail.</Empty>
      ) : (
        <>
          <Text size="sm" data-accounting-summary>
            {summary.total} access{summary.total === 1 ? '' : 'es'} by {summary.users} user{summary.users === 1 ? '' : 's'}
            {summary.denied ? `, ${summary.denied} refused` : ''}
            {summary.breakGlass ? `, ${summary.breakGlass} break-glass` : ''}.
          </Text>
          <Table withTableBorder verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Who</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">Service</Table.Th>
                <Table.Th scope="col">Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.slice(0, 200).map((r) => (
                <Table.Tr key={r.sequence}>
                  <Table.Td>{new Date(r.occurred_at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {r.actor}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.actor_roles.join(', ')}</Table.Td>
                  <Table.Td>{r.action}</Table.Td>
                  <Table.Td>{r.resource}</Table.Td>
                  <Table.Td>{r.service}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={r.outcome === 'success' ? 'green' : 'red'}>
                      {r.break_glass ? `${r.outcome} · break-glass` : r.outcome}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {rows.length > 200 && (
            <Text size="sm" c="dimmed">
              The newest 200 of {rows.length} are shown; the CSV has them all.
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

import { Alert, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../api/client';
import { Empty } from '../screens/states';
import { useDecideTimeOff } from './queries';
import { decisionLabel, hoursAway, periodLabel, type TimeOff } from './timeoff';

/**
 * The location's pending time-off requests, soonest first, each approved or denied in its row (with an optional
 * note to the member). Approved time off keeps the shifts: the roster marks them and coverage counts the member away.
 */
export function TimeOffRequests({
  requests,
  timeZone,
  nameOf,
}: {
  requests: TimeOff[];
  timeZone: string;
  nameOf: (staffId: string) => string;
}) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const decide = useDecideTimeOff();
  const decided = decide.data;
  return (
    <>
      {decide.error && (
        <Alert color="red" title="Not decided" role="alert">
          {describeError(decide.error)}
        </Alert>
      )}
      {decided && (
        <Alert
          color={decided.status === 'approved' ? 'teal' : 'gray'}
          title={decisionLabel(decided)}
          role="status"
          data-decided={decided.status}
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          {nameOf(decided.staff_id)}: {periodLabel(decided, timeZone)}
          {decided.reason ? ` (${decided.reason})` : ''}. {decided.decision_note ? `Note: ${decided.decision_note}` : ''}
        </Alert>
      )}
      {requests.length === 0 ? (
        <Empty>No time-off request is waiting for a decision.</Empty>
      ) : (
        <Table withTableBorder verticalSpacing={4} data-time-off>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Staff member</Table.Th>
              <Table.Th scope="col">Away</Table.Th>
              <Table.Th scope="col" ta="right">
                Hours
              </Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
              <Table.Th scope="col">Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requests.map((r) => {
              const name = nameOf(r.staff_id);
              const busy = decide.isPending && decide.variables?.timeOffId === r.id;
              const send = (approve: boolean) => decide.mutate({ timeOffId: r.id, approve, note: notes[r.id] ?? '' });
              return (
                <Table.Tr key={r.id} data-time-off-row={r.id}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>{periodLabel(r, timeZone)}</Table.Td>
                  <Table.Td ta="right">{hoursAway(r)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={r.reason ? undefined : 'dimmed'}>
                      {r.reason ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" align="end">
                      <TextInput
                        size="xs"
                        aria-label={`Note to ${name} (optional)`}
                        placeholder="Note (optional)"
                        value={notes[r.id] ?? ''}
                        onChange={(e) => setNotes({ ...notes, [r.id]: e.currentTarget.value })}
                        w={160}
                      />
                      <Button size="compact-sm" aria-label={`Approve ${name}’s time off`} loading={busy && decide.variables?.approve} disabled={busy} onClick={() => send(true)}>
                        Approve
                      </Button>
                      <Button size="compact-sm" color="red" variant="light" aria-label={`Deny ${name}’s time off`} loading={busy && !decide.variables?.approve} disabled={busy} onClick={() => send(false)}>
                        Deny
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

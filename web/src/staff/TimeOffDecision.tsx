import { Alert, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../api/client';
import { useDecideTimeOff } from './queries';
import { decisionLabel, periodLabel, requestIdProblem } from './timeoff';

/**
 * Approve or deny a pending request by its reference. The staff service lists no requests yet (it has no such
 * route), so the reference comes from the member: the request's answer when it was filed.
 */
export function TimeOffDecision({ timeZone, nameOf }: { timeZone: string; nameOf: (staffId: string) => string }) {
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const decide = useDecideTimeOff();
  const problem = requestIdProblem(reference);
  const send = (approve: boolean) => {
    setTouched(true);
    if (!problem) decide.mutate({ timeOffId: reference.trim(), approve, note });
  };
  const decided = decide.data;
  return (
    <Stack gap="sm" component="form" aria-label="Decide a time-off request" onSubmit={(e) => e.preventDefault()}>
      <Text size="sm" c="dimmed">
        Enter the reference of a pending request, then approve or deny it. Approved time off keeps the shifts: the
        roster marks them as time off and coverage counts the member away.
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Request reference"
          placeholder="e.g. 3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c"
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={touched && problem ? problem : undefined}
          w={360}
        />
        <Textarea label="Note to the member (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} w={320} />
        <Button onClick={() => send(true)} loading={decide.isPending && decide.variables?.approve} disabled={decide.isPending}>
          Approve
        </Button>
        <Button color="red" variant="light" onClick={() => send(false)} loading={decide.isPending && !decide.variables?.approve} disabled={decide.isPending}>
          Deny
        </Button>
      </Group>
      {decide.error && (
        <Alert color="red" title="Not decided" role="alert">
          {describeError(decide.error)}
        </Alert>
      )}
      {decided && (
        <Alert color={decided.status === 'approved' ? 'teal' : 'gray'} title={decisionLabel(decided)} role="status" data-decided={decided.status} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
          {nameOf(decided.staff_id)}: {periodLabel(decided, timeZone)}
          {decided.reason ? ` (${decided.reason})` : ''}. {decided.decision_note ? `Note: ${decided.decision_note}` : ''}
        </Alert>
      )}
    </Stack>
  );
}

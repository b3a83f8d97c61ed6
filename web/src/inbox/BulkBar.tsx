import { Alert, Button, Group, List, Paper, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useMembers } from '../schedule/queries';
import { bulkActions, type Me } from './actions';
import { bulkSummary } from './filters';
import { assignees } from './people';
import { Problem } from './Problem';
import { useBulk } from './queries';

type Props = { selected: string[]; titleOf: (id: string) => string; me: Me; locationId: string; onDone: (remaining: string[]) => void };
type Outcome = ReturnType<typeof bulkSummary> | null;

/** The ticked tasks at once: a manager gives them to one person; anyone completes what they may. */
export function BulkBar({ selected, titleOf, me, locationId, onDone }: Props) {
  const may = bulkActions(me);
  const members = useMembers(may.assign ? locationId : undefined);
  const bulk = useBulk();
  const [owner, setOwner] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const finish = (result: { done: string[]; refused: Record<string, string> }) => {
    const summary = bulkSummary(result, titleOf);
    notifications.show({ message: summary.done });
    // What was refused stays ticked, with the reasons beside it, for another try or another person.
    setOutcome(summary.refused.length ? summary : null);
    onDone(Object.keys(result.refused));
  };
  return (
    <Paper withBorder p="xs" component="section" aria-label="Selected tasks">
      <Group gap="sm" align="end">
        <Text size="sm" fw={600}>
          {selected.length} selected
        </Text>
        {may.assign && (
          <>
            <Select
              label="Assign selected to"
              placeholder="A person"
              searchable
              data={assignees(members.data ?? [])}
              value={owner}
              onChange={setOwner}
              w={260}
              size="xs"
            />
            <Button
              size="xs"
              variant="default"
              disabled={!owner}
              loading={bulk.assign.isPending}
              onClick={() => owner && bulk.assign.mutate({ task_ids: selected, owner }, { onSuccess: finish })}
            >
              Assign selected
            </Button>
          </>
        )}
        {may.complete && (
          <Button size="xs" color="teal.9" loading={bulk.complete.isPending} onClick={() => bulk.complete.mutate(selected, { onSuccess: finish })}>
            Complete selected
          </Button>
        )}
        <Button size="xs" variant="subtle" onClick={() => onDone([])}>
          Clear selection
        </Button>
      </Group>
      <Problem error={bulk.assign.error ?? bulk.complete.error} />
      {outcome && (
        <Alert mt="xs" color="red.9" role="status" withCloseButton onClose={() => setOutcome(null)} title={`${outcome.done}; these were not`}>
          <List size="sm">
            {outcome.refused.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Paper>
  );
}

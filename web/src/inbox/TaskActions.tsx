import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { StaffMember } from '../api/client';
import type { Move, TaskActions } from './actions';
import { assignees, POOLS } from './people';
import { Problem } from './Problem';
import { useTaskChanges, type Assignment } from './queries';
import type { Task } from './tasks';

type Props = { task: Task; actions: TaskActions; members: StaffMember[] };

/** Claim, the status moves the user may make, and (managers) assign to a person or another role's pool. */
export function TaskActionsBar({ task, actions, members }: Props) {
  const changes = useTaskChanges(task.id);
  const [cancelling, setCancelling] = useState<Move | null>(null);
  const failed = changes.claim.error ?? changes.move.error;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {actions.claim && (
          <Button size="xs" loading={changes.claim.isPending} onClick={() => changes.claim.mutate(undefined)}>
            Claim
          </Button>
        )}
        {actions.moves.map((m) => (
          <Button
            key={m.status}
            size="xs"
            variant={m.status === 'completed' ? 'filled' : 'default'}
            color={m.status === 'completed' ? 'teal.9' : m.needsReason ? 'red.9' : undefined}
            loading={changes.move.isPending && changes.move.variables?.status === m.status}
            onClick={() => (m.needsReason ? setCancelling(m) : changes.move.mutate({ status: m.status }))}
          >
            {m.label}
          </Button>
        ))}
      </Group>
      <Problem error={failed} />
      {actions.assign && <AssignForm taskId={task.id} role={task.role} members={members} />}
      <ReasonDialog move={cancelling} taskId={task.id} onClose={() => setCancelling(null)} />
    </Stack>
  );
}

function AssignForm({ taskId, role, members }: { taskId: string; role: string; members: StaffMember[] }) {
  const { assign } = useTaskChanges(taskId);
  const [owner, setOwner] = useState<string | null>(null);
  const [pool, setPool] = useState<string | null>(null);
  const people = assignees(members);
  const body: Assignment = { owner: owner?.trim() || null, role: pool && pool !== role ? (pool as Assignment['role']) : null };
  const done = () => (setOwner(null), setPool(null));
  return (
    <Stack gap={6} component="form" aria-label="Assign" onSubmit={(e) => (e.preventDefault(), assign.mutate(body, { onSuccess: done }))}>
      <Group align="end" gap="xs">
        {people.length > 0 ? (
          <Select label="Assign to" placeholder="A person" searchable clearable data={people} value={owner} onChange={setOwner} w={260} />
        ) : (
          // Without the staff list (it did not load), a user's id still assigns.
          <TextInput label="Assign to (user id)" value={owner ?? ''} onChange={(e) => setOwner(e.currentTarget.value)} w={260} />
        )}
        <Select
          label="Or move to pool"
          placeholder="Keep this pool"
          clearable
          data={POOLS.filter((p) => p.value !== role)}
          value={pool}
          onChange={setPool}
          w={200}
        />
        <Button type="submit" size="xs" variant="default" disabled={!body.owner && !body.role} loading={assign.isPending}>
          Assign
        </Button>
      </Group>
      <Problem error={assign.error} />
    </Stack>
  );
}

function ReasonDialog({ move, taskId, onClose }: { move: Move | null; taskId: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { move: change } = useTaskChanges(taskId);
  const close = () => (setReason(''), change.reset(), onClose());
  return (
    <Modal opened={!!move} onClose={close} title="Cancel the task">
      <Stack>
        <Textarea label="Reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Problem error={change.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Keep it
          </Button>
          <Button
            color="red.9"
            disabled={!reason.trim()}
            loading={change.isPending}
            onClick={() => move && change.mutate({ status: move.status, reason: reason.trim() }, { onSuccess: close })}
          >
            Cancel task
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

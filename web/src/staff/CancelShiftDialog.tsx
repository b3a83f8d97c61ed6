import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useCancelShift } from './queries';
import { refusal } from './refusal';

export type CancelTarget = { shiftId: string; member: string; when: string };

/** Asks before cancelling: a cancelled shift stays on the roster, marked, and cannot be brought back. */
export function CancelShiftDialog({ target, onClose }: { target: CancelTarget | null; onClose: () => void }) {
  const cancel = useCancelShift();
  const { reset } = cancel;
  useEffect(() => reset(), [target, reset]);
  return (
    <Modal opened={!!target} onClose={onClose} title="Cancel this shift?">
      {target && (
        <Stack>
          <Text size="sm">
            {target.member}, {target.when}. The shift stays on the roster as cancelled and coverage counts it out.
          </Text>
          {cancel.error && (
            <Alert color="red" title="Not cancelled" role="alert">
              {refusal(cancel.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep shift
            </Button>
            <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate(target.shiftId, { onSuccess: onClose })}>
              Cancel shift
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

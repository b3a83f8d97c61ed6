import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiFailure, describeError, must, type Patient } from '../api/client';
import { PatientPicker } from '../schedule/PatientPicker';
import { compare, confirmation, outcome, patientLabel } from './merge';

/** A manager folds a duplicate record into this one: find it, compare the two, confirm, merge. */
export function MergeDuplicate({ survivor }: { survivor: Patient }) {
  const [duplicate, setDuplicate] = useState<Patient | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const queries = useQueryClient();
  const merge = useMutation({
    mutationFn: async (folded: Patient) =>
      must(
        await api.POST('/api/v1/scheduling/patients/{survivor_id}/merge', {
          params: { path: { survivor_id: survivor.id } },
          body: { duplicate_id: folded.id },
        }),
      ),
    onSuccess: (result, folded) => {
      setDone(outcome(result, folded));
      setConfirming(false);
      setDuplicate(null);
      // Both records changed (the duplicate now answers 404 "merged into"), and so did the survivor's visits and
      // every search and name list that showed the duplicate.
      const changed = [
        ['patient', survivor.id],
        ['patient', folded.id],
        ['patient-appointments', survivor.id],
        ['patient-search'],
        ['patient-names'],
      ];
      for (const queryKey of changed) void queries.invalidateQueries({ queryKey });
    },
  });
  const choose = (_: string | null, patient: Patient | null) => {
    setDuplicate(patient);
    setDone(null);
    merge.reset();
  };
  return (
    <Stack component="section" aria-labelledby="merge-title" gap="xs" data-merge>
      <Title order={3} id="merge-title">
        Merge a duplicate
      </Title>
      <Text size="sm" c="dimmed">
        Find the second record of this patient; its appointments move here and it is marked merged.
      </Text>
      <PatientPicker
        label="Duplicate record"
        value={duplicate?.id ?? null}
        onChange={choose}
        excludeId={survivor.id}
        describe={patientLabel}
        nothingFound="No other patient found"
        clearable
      />
      {duplicate && <Comparison survivor={survivor} duplicate={duplicate} />}
      {duplicate && (
        <Button w="fit-content" color="red.9" onClick={() => setConfirming(true)}>
          Merge…
        </Button>
      )}
      {done && (
        <Alert color="teal.9" role="status" title="Merged">
          {done}
        </Alert>
      )}
      <Modal
        opened={confirming && !!duplicate}
        onClose={() => setConfirming(false)}
        title="Merge these records?"
        closeButtonProps={{ 'aria-label': 'Close without merging' }}
      >
        {duplicate && (
          <Stack>
            <Text size="sm" data-merge-confirmation>
              {confirmation(survivor, duplicate)}
            </Text>
            {merge.error && (
              <Alert color="red.9" role="alert" title="Not merged">
                {merge.error instanceof ApiFailure ? describeError(merge.error.body) : describeError(merge.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Keep both
              </Button>
              <Button color="red.9" loading={merge.isPending} onClick={() => merge.mutate(duplicate)}>
                Merge
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function Comparison({ survivor, duplicate }: { survivor: Patient; duplicate: Patient }) {
  return (
    <Table withTableBorder verticalSpacing={4} maw={640} data-merge-comparison>
      <Table.Caption>The record kept and the duplicate; differences are marked.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Fact</Table.Th>
          <Table.Th scope="col">Kept (this record)</Table.Th>
          <Table.Th scope="col">Duplicate</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {compare(survivor, duplicate).map((row) => (
          <Table.Tr key={row.label} data-differs={row.differs || undefined}>
            <Table.Th scope="row">{row.label}</Table.Th>
            <Table.Td>{row.survivor}</Table.Td>
            <Table.Td fw={row.differs ? 700 : undefined}>
              {row.duplicate}
              {row.differs && <Text span size="xs"> (differs)</Text>}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

import { Alert, Button, FileInput, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiFailure, describeError, must } from '../api/client';
import { money } from './money';
import { fileRefusal, remittanceOutcome, type Outcome } from './remittance';

/** Save text as a file the browser downloads (the 837P goes to the clearinghouse from the biller's machine). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/edi-x12' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The 837P batch of ready claims out, the payer's 835 remittance in. */
export function Exchange({ locationId }: { locationId: string }) {
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['billing'] });
  const batch = useMutation({
    // The service's own defaults (the schema lists them as required): a test-usage interchange to the clearinghouse.
    mutationFn: async () =>
      must(
        await api.POST('/api/v1/billing/claim-batches', {
          body: { location_id: locationId, receiver_id: 'CLEARINGHOUSE', receiver_name: 'CLEARINGHOUSE', usage: 'T' },
        }),
      ),
    onSuccess: (sent) => {
      download(`837P-${locationId}-${sent.interchange_control_number}.x12`, sent.content);
      void refresh();
    },
  });
  const [file, setFile] = useState<File | null>(null);
  const remit = useMutation({
    mutationFn: async (chosen: File) =>
      must(await api.POST('/api/v1/billing/remittances', { body: { x12: await chosen.text() } })),
    onSuccess: () => void refresh(),
  });
  const nothingReady = batch.error instanceof ApiFailure && batch.error.status === 409;
  const refusal = fileRefusal(remit.error);
  const outcome = remit.data ? remittanceOutcome(remit.data) : null;

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
      <Stack component="section" aria-labelledby="batch-title" gap="sm">
        <Title order={3} id="batch-title">
          Send claims (837P)
        </Title>
        <Text size="sm">Every ready claim of this location, as one 837P file for the clearinghouse.</Text>
        <Button w="fit-content" loading={batch.isPending} onClick={() => batch.mutate()}>
          Download the 837P batch
        </Button>
        {batch.data && (
          <Alert color="green" role="status" title="Batch made">
            Interchange {batch.data.interchange_control_number}: {batch.data.claim_count} claim
            {batch.data.claim_count === 1 ? '' : 's'} submitted, the file downloaded.
          </Alert>
        )}
        {batch.error && (
          <Alert color={nothingReady ? 'yellow' : 'red'} role="alert" title={nothingReady ? 'Nothing to send' : 'Not sent'}>
            {describeError((batch.error as ApiFailure).body ?? batch.error)}
          </Alert>
        )}
      </Stack>
      <Stack component="section" aria-labelledby="remit-title" gap="sm">
        <Title order={3} id="remit-title">
          Post a remittance (835)
        </Title>
        <Group align="end">
          <FileInput
            label="835 file from the payer"
            accept=".835,.x12,.edi,.txt"
            value={file}
            onChange={setFile}
            clearable
            w={280}
          />
          <Button disabled={!file} loading={remit.isPending} onClick={() => file && remit.mutate(file)}>
            Post it
          </Button>
        </Group>
        {refusal && (
          <Alert color="red" role="alert" title="The file was refused; nothing was posted">
            <Text size="sm">{refusal.message}</Text>
            <List size="sm">
              {refusal.problems.slice(0, 10).map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {remit.error && !refusal && (
          <Alert color="red" role="alert" title="Not posted">
            {describeError((remit.error as ApiFailure).body ?? remit.error)}
          </Alert>
        )}
        {remit.data && outcome && (
          <Stack gap="xs" data-remittance={remit.data.remittance_id}>
            <Alert color={remit.data.already_imported ? 'yellow' : 'green'} role="status" title={remit.data.already_imported ? 'Already imported' : 'Posted'}>
              Trace {remit.data.trace_number} from {remit.data.payer_identifier}: {money(outcome.paidCents)} paid
              {remit.data.already_imported ? '; this file was posted before, nothing was posted again.' : '.'}
            </Alert>
            <Outcomes title="Posted" rows={outcome.posted} />
            {outcome.refused.length > 0 && <Outcomes title="Refused" rows={outcome.refused} />}
          </Stack>
        )}
      </Stack>
    </SimpleGrid>
  );
}

function Outcomes({ title, rows }: { title: string; rows: Outcome[] }) {
  return (
    <Table withTableBorder verticalSpacing={4} data-outcome={title.toLowerCase()}>
      <Table.Caption>{title}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Claim</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col" ta="right">
            Paid
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Patient owes
          </Table.Th>
          <Table.Th scope="col">Adjustments or reason</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((o) => (
          <Table.Tr key={o.controlNumber + (o.claimId ?? '')}>
            <Table.Td>{o.controlNumber}</Table.Td>
            <Table.Td>{o.status ?? 'not posted'}</Table.Td>
            <Table.Td ta="right">{money(o.paidCents)}</Table.Td>
            <Table.Td ta="right">{money(o.patientCents)}</Table.Td>
            <Table.Td>{o.problem ?? (o.adjustments.join(', ') || 'none')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

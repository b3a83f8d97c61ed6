import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, describeError, must, type ApiFailure } from '../api/client';
import { Failed, Loading } from '../screens/states';
import { pointedDiagnoses, procedure } from './claim';
import { formatAmount } from './money';
import { useClaim, usePayerNames } from './queries';
import { STATUS_COLOURS, STATUS_LABELS } from './worklist';

/** One claim: what the scrubber found, its lines (CPT, modifiers, ICD-10 pointers, money) and its history. */
export function ClaimPage() {
  const { claimId } = useParams();
  const claim = useClaim(claimId);
  const payerName = usePayerNames();
  const queries = useQueryClient();
  const scrub = useMutation({
    mutationFn: async () => must(await api.POST('/api/v1/billing/claims/{claim_id}/scrub', { params: { path: { claim_id: claimId! } } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['billing'] }),
  });
  if (claim.error) return <Failed error={claim.error} retry={() => void claim.refetch()} />;
  if (!claim.data) return <Loading what="the claim" />;
  const c = claim.data;
  const facts: [string, string][] = [
    ['Patient control number', c.control_number],
    ['Date of service', c.date_of_service],
    ['Payer', `${payerName(c.payer_id)} (${c.priority})`],
    ['Diagnoses (ICD-10)', c.diagnosis_codes.map((d, i) => `${i + 1} ${d}`).join(', ')],
    ['Charge', formatAmount(c.total_charge)],
    ['Paid', formatAmount(c.paid_amount)],
    ['Written off', formatAmount(c.adjustment_amount)],
    ['Patient owes', formatAmount(c.patient_responsibility)],
  ];
  return (
    <Stack>
      <Anchor component={Link} to="/billing" size="sm">
        ‹ Back to the worklist
      </Anchor>
      <Group>
        <Title order={2}>Claim {c.control_number}</Title>
        <Badge color={STATUS_COLOURS[c.status] ?? 'gray'} size="lg" variant="light">
          {STATUS_LABELS[c.status] ?? c.status}
        </Badge>
        {(c.status === 'draft' || c.status === 'resubmitted') && (
          <Button size="xs" variant="light" loading={scrub.isPending} onClick={() => scrub.mutate()}>
            Scrub again
          </Button>
        )}
      </Group>
      {scrub.error && (
        <Alert color="red" role="alert">
          {describeError((scrub.error as ApiFailure).body ?? scrub.error)}
        </Alert>
      )}
      {c.denial_carc && (
        <Alert color="red" title={`Denied: CARC ${c.denial_carc}`} role="status">
          The payer's claim adjustment reason code; appeal or correct and resubmit.
        </Alert>
      )}
      {c.scrub_failures.length > 0 && (
        <Alert color="orange" title="Held by the scrubber" role="status">
          <Table verticalSpacing={2} data-scrub-failures>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Rule</Table.Th>
                <Table.Th scope="col">Field</Table.Th>
                <Table.Th scope="col">What is wrong</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.scrub_failures.map((f) => (
                <Table.Tr key={f.rule + f.field}>
                  <Table.Td>{f.rule}</Table.Td>
                  <Table.Td>{f.field}</Table.Td>
                  <Table.Td>{f.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" component="dl">
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Title order={3}>Lines</Title>
      <Table withTableBorder striped verticalSpacing={4} data-claim-lines>
        <Table.Thead>
          <Table.Tr>
            {['#', 'CPT', 'Units', 'Diagnosis pointers', 'Charge', 'Paid', 'Written off', 'Patient owes', 'Denial'].map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>{line.line_number}</Table.Td>
              <Table.Td>{procedure(line)}</Table.Td>
              <Table.Td>{line.units}</Table.Td>
              <Table.Td>{pointedDiagnoses(line, c.diagnosis_codes)}</Table.Td>
              <Table.Td>{formatAmount(line.charge_amount)}</Table.Td>
              <Table.Td>{formatAmount(line.paid_amount)}</Table.Td>
              <Table.Td>{formatAmount(line.adjustment_amount)}</Table.Td>
              <Table.Td>{formatAmount(line.patient_responsibility)}</Table.Td>
              <Table.Td>{line.denial_carc ? `CARC ${line.denial_carc}` : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3}>History</Title>
      <Table withTableBorder verticalSpacing={4} data-claim-history>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">From</Table.Th>
            <Table.Th scope="col">To</Table.Th>
            <Table.Th scope="col">Why</Table.Th>
            <Table.Th scope="col">By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.history.map((h, i) => (
            <Table.Tr key={i}>
              <Table.Td>{new Date(h.changed_at).toLocaleString()}</Table.Td>
              <Table.Td>{h.from_status ?? ''}</Table.Td>
              <Table.Td>{h.to_status}</Table.Td>
              <Table.Td>{h.reason ?? ''}</Table.Td>
              <Table.Td>{h.changed_by}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { cents, formatAmount } from '../billing/money';
import { usePayerNames } from '../billing/queries';
import { addDays } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import type { PatientSections } from './access';
import { useBalance, useCoverages, usePatientClaims, usePayments, useStatement } from './queries';

type Props = { patientId: string; locationId: string; today: string; sections: PatientSections };

/** The patient's money at the location: balance, coverage, claims, the statement of the last 90 days, payments. */
export function PatientAccount({ patientId, locationId, today, sections }: Props) {
  const start = addDays(today, -90);
  const balance = useBalance(patientId, locationId, sections.balance);
  const coverages = useCoverages(patientId, sections.coverage);
  const claims = usePatientClaims(patientId, sections.claims);
  const statement = useStatement(patientId, locationId, start, today, sections.statement);
  const payments = usePayments(patientId, locationId, sections.payments);
  const payerName = usePayerNames(sections.coverage);
  if (!sections.balance) return null;
  return (
    <Stack gap="lg">
      <Part title="Balance" query={balance} what="the balance">
        {(b) => (
          <Text size="xl" fw={700} c={cents(b.balance) > 0 ? 'red.9' : undefined} data-balance={b.balance}>
            {cents(b.balance) < 0 ? `Credit ${formatAmount(b.balance.replace('-', ''))}` : `Owes ${formatAmount(b.balance)}`}
          </Text>
        )}
      </Part>
      {sections.coverage && (
        <Part title="Coverage" query={coverages} what="coverage" empty="No insurance on file: claims cannot open.">
          {(list) => (
            <Rows
              head={['Priority', 'Payer', 'Member id', 'Group', 'Relationship', 'In effect']}
              rows={list.map((c) => [
                c.priority,
                payerName(c.payer_id),
                c.member_id,
                c.group_number ?? '',
                c.relationship,
                `${c.effective_from} to ${c.effective_to ?? 'open'}`,
              ])}
            />
          )}
        </Part>
      )}
      {sections.claims && (
        <Part title="Claims" query={claims} what="claims" empty="No claim yet.">
          {(list) => (
            <Rows
              head={['Claim', 'Date of service', 'Status', 'Charge', 'Paid', 'Patient owes']}
              rows={list.map((c) => [
                <Anchor key={c.id} component={Link} to={`/billing/claims/${c.id}`} size="sm">
                  {c.control_number}
                </Anchor>,
                c.date_of_service,
                <Badge key="s" variant="light">
                  {c.status.replace('_', ' ')}
                </Badge>,
                formatAmount(c.total_charge),
                formatAmount(c.paid_amount),
                formatAmount(c.patient_responsibility),
              ])}
            />
          )}
        </Part>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        {sections.statement && (
          <Part title={`Statement, ${start} to ${today}`} query={statement} what="the statement">
            {(s) => (
              <Stack gap="xs">
                <Group gap="lg">
                  <Text size="sm">Opening {formatAmount(s.opening_balance)}</Text>
                  <Text size="sm">Charges {formatAmount(s.charges)}</Text>
                  <Text size="sm">Credits {formatAmount(s.credits)}</Text>
                  <Text size="sm" fw={700}>
                    Closing {formatAmount(s.closing_balance)}
                  </Text>
                </Group>
                {s.lines.length === 0 ? (
                  <Empty>Nothing posted in these days.</Empty>
                ) : (
                  <Rows
                    head={['Posted', 'What', 'Amount', 'Balance']}
                    rows={s.lines.map((l) => [l.posted_at.slice(0, 10), l.reason.replace(/_/g, ' '), formatAmount(l.amount), formatAmount(l.balance_after)])}
                  />
                )}
              </Stack>
            )}
          </Part>
        )}
        {sections.payments && (
          <Part title="Payments" query={payments} what="payments" empty="No payment at this location.">
            {(list) => (
              <Rows
                head={['Received', 'Kind', 'Method', 'Amount', 'Refunded']}
                rows={list.map((p) => [
                  p.received_at.slice(0, 10),
                  p.kind,
                  p.method + (p.check_number ? ` #${p.check_number}` : p.card_last4 ? ` …${p.card_last4}` : ''),
                  formatAmount(p.amount),
                  formatAmount(p.refunded_amount),
                ])}
              />
            )}
          </Part>
        )}
      </SimpleGrid>
    </Stack>
  );
}

function Part<T>({ title, query, what, empty, children }: { title: string; query: UseQueryResult<T>; what: string; empty?: string; children: (data: T) => ReactNode }) {
  const id = `part-${what.replace(/\W+/g, '-')}`;
  const data = query.data;
  return (
    <Stack component="section" aria-labelledby={id} gap="xs">
      <Title order={3} id={id}>
        {title}
      </Title>
      {query.error ? (
        <Failed error={query.error} retry={() => void query.refetch()} />
      ) : data === undefined ? (
        <Loading what={what} />
      ) : Array.isArray(data) && data.length === 0 && empty ? (
        <Empty>{empty}</Empty>
      ) : (
        children(data)
      )}
    </Stack>
  );
}

function Rows({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <Table withTableBorder striped verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          {head.map((h) => (
            <Table.Th key={h} scope="col">
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((cells, i) => (
          <Table.Tr key={i}>
            {cells.map((c, j) => (
              <Table.Td key={j}>{c}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

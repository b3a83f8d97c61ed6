import { Badge, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../api/client';
import { Failed, Loading } from '../screens/states';
import { isManager, type Me } from './actions';
import { money, signed } from './history';
import { INBOX_KEY } from './live';
import { invoiceWideDifferences } from './match';
import { Problem } from './Problem';
import { useInvoice, useMatchView } from './queries';

const count = (n: number | null) => (n === null ? '—' : String(n));

/** A supplier invoice against its purchase order and receipts: per order line ordered, received, billed, prices. */
export function MatchPanel({ invoiceId, me }: { invoiceId: string; me: Me }) {
  const manager = isManager(me);
  const view = useMatchView(manager ? invoiceId : null);
  const invoice = useInvoice(manager ? invoiceId : null);
  const queries = useQueryClient();
  const rematch = useMutation({
    mutationFn: async () =>
      must(await api.POST('/api/v1/inbox/supplier-invoices/{invoice_id}/match', { params: { path: { invoice_id: invoiceId } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: [INBOX_KEY] }),
  });
  if (!manager) return <Text size="sm">The three-way match of a supplier invoice is an office manager's view.</Text>;
  if (view.error) return <Failed error={view.error} retry={() => void view.refetch()} />;
  if (!view.data) return <Loading what="the match" />;
  const v = view.data;
  const inv = invoice.data;
  const wide = invoiceWideDifferences(v.differences, v.lines);
  return (
    <Stack gap="xs" data-match={v.invoice_id}>
      <Group gap={6}>
        <Badge color={v.status === 'approved' ? 'teal.9' : 'orange.4'} autoContrast>
          {v.status === 'approved' ? 'Approved' : 'Needs review'}
        </Badge>
        <Text size="sm">
          {inv ? `${inv.vendor} invoice ${inv.number}, ${money(inv.total)} ${inv.currency} · ` : ''}
          {v.purchase_order_id ? `purchase order ${v.purchase_order_id}` : 'no purchase order found'} · price tolerance{' '}
          {money(v.tolerance_percent)}%
        </Text>
      </Group>
      {/* A narrow screen scrolls the table sideways: a region the keyboard reaches (tabIndex) to scroll it. */}
      <div role="region" aria-label="Order lines, scrollable" tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table withTableBorder fz="xs" miw={760} aria-label="Order lines against receipts and the invoice">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Order line</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th ta="right">Ordered</Table.Th>
              <Table.Th ta="right">Received</Table.Th>
              <Table.Th ta="right">Billed before</Table.Th>
              <Table.Th ta="right">Billed here</Table.Th>
              <Table.Th ta="right">Order price</Table.Th>
              <Table.Th ta="right">Billed price</Table.Th>
              <Table.Th ta="right">Difference</Table.Th>
              <Table.Th>Problems</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.lines.map((line, i) => (
              <Table.Tr key={i} data-order-line={line.order_line ?? 'none'} data-problem={line.problems.length > 0 || undefined}>
                <Table.Td>{line.order_line ?? 'not on the order'}</Table.Td>
                <Table.Td>{line.item}</Table.Td>
                <Table.Td ta="right">{count(line.ordered)}</Table.Td>
                <Table.Td ta="right">{count(line.received)}</Table.Td>
                <Table.Td ta="right">{line.billed_before}</Table.Td>
                <Table.Td ta="right">{line.billed}</Table.Td>
                <Table.Td ta="right">{money(line.order_price)}</Table.Td>
                <Table.Td ta="right">{money(line.billed_price)}</Table.Td>
                <Table.Td ta="right" fw={line.price_difference && Number(line.price_difference) !== 0 ? 700 : undefined}>
                  {signed(line.price_difference)}
                </Table.Td>
                <Table.Td miw={180}>{line.problems.join('; ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {wide.length > 0 && (
        <List size="sm" aria-label="Differences">
          {wide.map((d) => (
            <List.Item key={d}>{d}</List.Item>
          ))}
        </List>
      )}
      <Text size="sm">{v.approved ? 'As things stand now it matches.' : 'As things stand now it does not match.'}</Text>
      {v.status !== 'approved' && (
        <Button size="xs" variant="default" w="fit-content" loading={rematch.isPending} onClick={() => rematch.mutate()}>
          Match again
        </Button>
      )}
      {rematch.data && <Text size="sm">Matched again: {rematch.data.outcome.replace(/_/g, ' ')}.</Text>}
      <Problem error={rematch.error} />
    </Stack>
  );
}

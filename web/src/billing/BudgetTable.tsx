import { Badge, Stack, Table, Title } from '@mantine/core';
import { Empty, Failed, Loading } from '../screens/states';
import { formatAmount, money } from './money';
import { useBudget } from './queries';
import { budgetRows, shiftMonth } from './reports';

const CATEGORY_LABELS: Record<string, string> = { supplies: 'Supplies', equipment: 'Equipment', rent: 'Rent', payroll: 'Payroll', services: 'Services' };

/** Each month's budget against what was spent, this quarter: over budget stands out. */
export function BudgetTable({ locationId, today }: { locationId: string; today: string }) {
  const start = shiftMonth(today, -2);
  const end = shiftMonth(today, 0);
  const budget = useBudget(locationId, start, end);
  const rows = budgetRows(budget.data?.lines ?? []);
  return (
    <Stack component="section" aria-labelledby="budget-title" gap="sm">
      <Title order={3} id="budget-title">
        Budget against actual, {start} to {end}
      </Title>
      {budget.error ? (
        <Failed error={budget.error} retry={() => void budget.refetch()} />
      ) : !budget.data ? (
        <Loading what="the budget" />
      ) : rows.length === 0 ? (
        <Empty>No budget set and nothing spent in these months.</Empty>
      ) : (
        <Table striped withTableBorder verticalSpacing={4} data-budget>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Month</Table.Th>
              <Table.Th scope="col">Category</Table.Th>
              <Table.Th scope="col" ta="right">
                Budget
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Actual
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Left (over)
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.month + r.category}>
                <Table.Td>{r.month}</Table.Td>
                <Table.Td>{CATEGORY_LABELS[r.category] ?? r.category}</Table.Td>
                <Table.Td ta="right">{money(r.budget)}</Table.Td>
                <Table.Td ta="right">{money(r.actual)}</Table.Td>
                <Table.Td ta="right">
                  {money(r.variance)}{' '}
                  {r.over && (
                    <Badge color="red" variant="light" size="sm">
                      over
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row" colSpan={2}>
                Total
              </Table.Th>
              <Table.Td ta="right">{formatAmount(budget.data.total_budget)}</Table.Td>
              <Table.Td ta="right">{formatAmount(budget.data.total_actual)}</Table.Td>
              <Table.Td ta="right">{formatAmount(budget.data.total_variance)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
    </Stack>
  );
}

import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Empty, Failed, Loading } from '../screens/states';
import { cents, dollars, formatAmount, money } from './money';
import { useAging, useCollections } from './queries';
import { agingBars, bucketsOf, collectionsByMonth, lastMonths } from './reports';

const BUCKET_COLOURS = ['teal.7', 'yellow.7', 'orange.7', 'red.7', 'red.9', 'grape.7'];
// Recharts sorts legend items by name ("120+" before "31-60"); the series' own order reads oldest last.
const UNSORTED = { itemSorter: null };
const asMoney = (value: number) => money(Math.round(value * 100));

/** What payers owe by age, and what the location billed and collected these last six months. */
export function Reports({ locationId, today }: { locationId: string; today: string }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
      <Aging locationId={locationId} />
      <Collections locationId={locationId} today={today} />
    </SimpleGrid>
  );
}

function Aging({ locationId }: { locationId: string }) {
  const aging = useAging(locationId);
  const report = aging.data;
  return (
    <Stack component="section" aria-labelledby="aging-title" gap="sm">
      <Title order={3} id="aging-title">
        A/R aging by payer
      </Title>
      {aging.error ? (
        <Failed error={aging.error} retry={() => void aging.refetch()} />
      ) : !report ? (
        <Loading what="A/R aging" />
      ) : report.by_payer.length === 0 ? (
        <Empty>No payer owes anything here.</Empty>
      ) : (
        <>
          <div role="figure" aria-label={`A/R aging by payer: ${formatAmount(report.total.total)} outstanding`}>
            <BarChart
              h={220}
              data={agingBars(report)}
              dataKey="payer"
              type="stacked"
              valueFormatter={asMoney}
              withLegend
              legendProps={UNSORTED}
              series={bucketsOf(report).map((b, i) => ({ name: b, label: `${b} days`, color: BUCKET_COLOURS[i % BUCKET_COLOURS.length] }))}
            />
          </div>
          <Table withTableBorder verticalSpacing={4} data-aging>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Payer</Table.Th>
                {bucketsOf(report).map((b) => (
                  <Table.Th key={b} scope="col" ta="right">
                    {b}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  Total
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...report.by_payer, { ...report.total, name: 'All payers' }].map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row">{row.name || row.key}</Table.Th>
                  {bucketsOf(report).map((b) => (
                    <Table.Td key={b} ta="right">
                      {formatAmount(row.buckets[b] ?? '0')}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{formatAmount(row.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function Collections({ locationId, today }: { locationId: string; today: string }) {
  const range = lastMonths(today, 6);
  const collections = useCollections(locationId, range.start, range.end);
  const months = collectionsByMonth(collections.data?.rows ?? []);
  return (
    <Stack component="section" aria-labelledby="collections-title" gap="sm">
      <Title order={3} id="collections-title">
        Revenue and collections
      </Title>
      {collections.error ? (
        <Failed error={collections.error} retry={() => void collections.refetch()} />
      ) : !collections.data ? (
        <Loading what="collections" />
      ) : months.length === 0 ? (
        <Empty>Nothing billed or collected since {range.startMonth}.</Empty>
      ) : (
        <>
          <Text size="sm">
            {range.startMonth} to {range.endMonth}: billed {formatAmount(collections.data.revenue)}, collected{' '}
            {formatAmount(collections.data.collections)} (
            {cents(collections.data.revenue) ? Math.round((100 * cents(collections.data.collections)) / cents(collections.data.revenue)) : 0}%).
          </Text>
          <div role="figure" aria-label="Revenue, payer and patient collections by month">
            <BarChart
              h={220}
              data={months.map((m) => ({ month: m.month, revenue: dollars(m.revenue), payer: dollars(m.payer), patient: dollars(m.patient) }))}
              dataKey="month"
              valueFormatter={asMoney}
              withLegend
              legendProps={UNSORTED}
              series={[
                { name: 'revenue', label: 'Billed', color: 'blue.8' },
                { name: 'payer', label: 'Collected from payers', color: 'teal.8' },
                { name: 'patient', label: 'Collected from patients', color: 'grape.8' },
              ]}
            />
          </div>
        </>
      )}
    </Stack>
  );
}

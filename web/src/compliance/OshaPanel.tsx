import { Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Empty, Failed, Loading } from '../screens/states';
import { CLASSIFICATION_LABELS, figures, INJURY_LABELS, oshaYears } from './osha';
import { useOshaLog, useOshaSummary } from './queries';

const CLASSES: Record<string, string> = {
  death: 'Death',
  days_away: 'Days away',
  job_transfer_or_restriction: 'Transfer or restriction',
  other_recordable: 'Other recordable',
};

/** The OSHA 300 log of a year and its 300A summary. */
export function OshaPanel({ locationId, today }: { locationId: string; today: string }) {
  const years = oshaYears(Number(today.slice(0, 4)));
  const [year, setYear] = useState(years[0]);
  const log = useOshaLog(locationId, Number(year));
  const summary = useOshaSummary(locationId, Number(year));
  return (
    <Stack component="section" aria-labelledby="osha-title" gap="sm" data-osha>
      <Group justify="space-between" align="end">
        <Title order={3} id="osha-title">
          OSHA 300 log and 300A summary
        </Title>
        <Select label="Year" data={years} value={year} onChange={(v) => v && setYear(v)} allowDeselect={false} w={120} />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="xs">
          <Title order={4}>300 log, {year}</Title>
          {log.error ? (
            <Failed error={log.error} retry={() => void log.refetch()} />
          ) : log.isLoading ? (
            <Loading what="the 300 log" />
          ) : (log.data ?? []).length === 0 ? (
            <Empty>No recordable case in {year}.</Empty>
          ) : (
            <Table withTableBorder verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Case</Table.Th>
                  <Table.Th scope="col">Employee</Table.Th>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Where</Table.Th>
                  <Table.Th scope="col">Classification</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Days away / restricted
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data!.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.case_number}</Table.Td>
                    <Table.Td>
                      {c.employee_name}
                      <Text size="xs" c="dimmed">
                        {c.job_title}
                      </Text>
                    </Table.Td>
                    <Table.Td>{c.occurred_on}</Table.Td>
                    <Table.Td>{c.where}</Table.Td>
                    <Table.Td>{CLASSES[c.classification] ?? c.classification}</Table.Td>
                    <Table.Td ta="right">
                      {c.days_away} / {c.days_restricted}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
        <Stack gap="xs">
          <Title order={4}>300A summary, {year}</Title>
          {summary.error ? (
            <Failed error={summary.error} retry={() => void summary.refetch()} />
          ) : !summary.data ? (
            <Loading what="the 300A summary" />
          ) : (
            <Table withTableBorder verticalSpacing={2} data-osha-summary>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">Total cases</Table.Th>
                  <Table.Td ta="right">{summary.data.total_cases}</Table.Td>
                </Table.Tr>
                {figures(summary.data.cases_by_classification, CLASSIFICATION_LABELS).map((f) => (
                  <Table.Tr key={f.key}>
                    <Table.Th scope="row">{f.label}</Table.Th>
                    <Table.Td ta="right">{f.value}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">Days away from work (K)</Table.Th>
                  <Table.Td ta="right">{summary.data.total_days_away}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Days of transfer or restriction (L)</Table.Th>
                  <Table.Td ta="right">{summary.data.total_days_restricted}</Table.Td>
                </Table.Tr>
                {figures(summary.data.cases_by_injury_type, INJURY_LABELS).map((f) => (
                  <Table.Tr key={f.key}>
                    <Table.Th scope="row">{f.label}</Table.Th>
                    <Table.Td ta="right">{f.value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

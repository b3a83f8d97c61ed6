import { Table } from '@mantine/core';
import { dayLabel } from '../schedule/time';
import { Empty } from '../screens/states';
import { roleLabel, type CoverageGapRow } from './week';

/** Where the week's roster falls short of the location's staffing rules (approved time off counted as away). */
export function CoverageGaps({ gaps }: { gaps: CoverageGapRow[] }) {
  if (gaps.length === 0) return <Empty>Every staffing rule is met this week.</Empty>;
  return (
    <Table withTableBorder verticalSpacing={4} data-gaps>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Day</Table.Th>
          <Table.Th scope="col">Time</Table.Th>
          <Table.Th scope="col">Role</Table.Th>
          <Table.Th scope="col" ta="right">
            Required
          </Table.Th>
          <Table.Th scope="col" ta="right">
            On shift
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {gaps.map((g) => (
          <Table.Tr key={`${g.day}/${g.from}/${g.role}`} data-gap={g.role}>
            <Table.Td>{dayLabel(g.day)}</Table.Td>
            <Table.Td>
              {g.from}–{g.to}
            </Table.Td>
            <Table.Td>{roleLabel(g.role)}</Table.Td>
            <Table.Td ta="right">{g.required}</Table.Td>
            <Table.Td ta="right" c="red.8" fw={600}>
              {g.scheduled}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

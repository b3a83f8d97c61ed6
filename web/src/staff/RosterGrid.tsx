import { Badge, Stack, Table, Text } from '@mantine/core';
import { dayLabel } from '../schedule/time';
import { roleLabel, type RosterRow } from './week';

/** Members down, days across; each cell the shifts starting that local day, away (approved time off) marked. */
export function RosterGrid({ rows, days, today }: { rows: RosterRow[]; days: string[]; today: string }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder withColumnBorders verticalSpacing={4} data-roster aria-label="Roster for the week">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Member</Table.Th>
            {days.map((d) => (
              <Table.Th key={d} scope="col" bg={d === today ? 'var(--mantine-color-blue-light)' : undefined}>
                {dayLabel(d)}
                {d === today && <Text span size="xs" c="dimmed"> (today)</Text>}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.staffId} data-member={r.name}>
              <Table.Th scope="row">
                <Text size="sm" fw={600}>
                  {r.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {roleLabel(r.role)} · {r.shifts} shift{r.shifts === 1 ? '' : 's'}
                </Text>
              </Table.Th>
              {r.days.map((cells, i) => (
                <Table.Td key={days[i]} data-day={days[i]}>
                  {cells.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      Off
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {cells.map((c) => (
                        <Badge
                          key={c.id}
                          data-shift={c.id}
                          data-away={c.away}
                          variant={c.status === 'scheduled' ? 'light' : 'outline'}
                          color={c.status !== 'scheduled' ? 'gray' : c.away ? 'orange' : 'blue'}
                          radius="sm"
                          tt="none"
                        >
                          {c.from}–{c.to}
                          {c.overnight ? ' (+1)' : ''}
                          {c.away ? ' · time off' : ''}
                          {c.status !== 'scheduled' ? ` · ${c.status}` : ''}
                        </Badge>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { dayLabel } from '../schedule/time';
import type { CancelTarget } from './CancelShiftDialog';
import { shiftWhen } from './shifts';
import { roleLabel, type RosterRow } from './week';

type Props = { rows: RosterRow[]; days: string[]; today: string; onCancel?: (target: CancelTarget) => void };

/**
 * Members down, days across; each cell the shifts starting that local day, away (approved time off) marked.
 * With `onCancel`, each scheduled shift has a small cancel button named for the member and the time.
 */
export function RosterGrid({ rows, days, today, onCancel }: Props) {
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
                      {cells.map((c) => {
                        const when = shiftWhen(dayLabel(days[i]), c.from, c.to, c.overnight);
                        return (
                          <Group key={c.id} gap={2} wrap="nowrap">
                            <Badge
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
                            {onCancel && c.status === 'scheduled' && (
                              // The time is in the button's name only: the cell's text stays the shift's time, once.
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                color="red.9"
                                aria-label={`Cancel ${r.name}’s shift ${when}`}
                                title="Cancel shift"
                                onClick={() => onCancel({ shiftId: c.id, member: r.name, when })}
                              >
                                ×
                              </Button>
                            )}
                          </Group>
                        );
                      })}
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

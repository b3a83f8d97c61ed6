import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { daysLeftLabel, kindLabel, type WindowGroup } from './credentials';

const COLOURS: Record<string, string> = { expired: 'red', '30': 'orange', '60': 'yellow', '90': 'gray' };

/** Credentials by expiry window, most urgent first; a window with nothing in it says so. */
export function ExpiringCredentials({ groups }: { groups: WindowGroup[] }) {
  return (
    <Stack gap="md">
      {groups.map((g) => (
        <Stack key={g.window} gap={4} component="section" aria-labelledby={`window-${g.window}`} data-window={g.window}>
          <Group gap="xs">
            <Title order={4} id={`window-${g.window}`}>
              {g.label}
            </Title>
            <Badge color={COLOURS[g.window]} variant="light">
              {g.items.length}
            </Badge>
          </Group>
          {g.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              None.
            </Text>
          ) : (
            <Table withTableBorder verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Member</Table.Th>
                  <Table.Th scope="col">Credential</Table.Th>
                  <Table.Th scope="col">Number</Table.Th>
                  <Table.Th scope="col">Expires</Table.Th>
                  <Table.Th scope="col">When</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {g.items.map((i) => (
                  <Table.Tr key={i.credential.id} data-credential={i.credential.id}>
                    <Table.Td>{i.member}</Table.Td>
                    <Table.Td>{kindLabel(i.credential)}</Table.Td>
                    <Table.Td>{i.credential.number}</Table.Td>
                    <Table.Td>{i.credential.expires_on}</Table.Td>
                    <Table.Td>{daysLeftLabel(i.daysLeft)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

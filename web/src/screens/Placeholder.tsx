import { Stack, Text, Title } from '@mantine/core';

export function Placeholder({ title, note }: { title: string; note: string }) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{note}</Text>
    </Stack>
  );
}

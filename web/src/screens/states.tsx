// The three states every screen shows besides its data: loading, nothing there, and a refusal.
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { describeError, ApiFailure } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Loading {what}…
        </Text>
      </Stack>
    </Center>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <Center py="xl">
      <Text c="dimmed">{children}</Text>
    </Center>
  );
}

export function advice(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 403) return 'Your role or locations do not reach this. Ask an office manager for access.';
    if (error.status === 503 || error.status === 502 || error.status === 504)
      return 'A service behind the gateway is not answering. Try again in a minute.';
  }
  return 'Try again; if it keeps failing, tell your office manager what you were doing.';
}

export function Failed({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Alert color="red" title="This could not be loaded" role="alert">
      <Stack gap="xs">
        <Text size="sm">{error instanceof Error ? error.message : describeError(error)}</Text>
        <Text size="sm">{advice(error)}</Text>
        {retry && (
          <Button size="xs" variant="light" color="red" onClick={retry} w="fit-content">
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

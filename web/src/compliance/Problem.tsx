import { Alert } from '@mantine/core';
import { ApiFailure, describeError } from '../api/client';

/** A refused action, in the service's own words. */
export function Problem({ error, title = 'Not done' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {error instanceof ApiFailure ? describeError(error.body ?? error) : describeError(error)}
    </Alert>
  );
}

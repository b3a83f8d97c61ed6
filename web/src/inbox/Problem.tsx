import { Alert } from '@mantine/core';
import { ApiFailure, describeError } from '../api/client';

/** A refused change, in the service's words (a 409 names why a move is illegal). */
export function Problem({ error, title = 'Not done' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const text = error instanceof ApiFailure ? describeError(error.body) : describeError(error);
  return (
    <Alert color="red.9" role="alert" title={title}>
      {text}
    </Alert>
  );
}

import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Failed, Loading } from '../screens/states';
import type { Part } from './sections';

/** A part of the dashboard in whichever state it is: loading, unavailable (said so, never zeros), failed, or shown. */
export function PartView<T>({ part, what, children }: { part: Part<T>; what: string; children: (data: T) => ReactNode }) {
  if (part.state === 'loading') return <Loading what={what} />;
  if (part.state === 'failed') return <Failed error={part.error} />;
  if (part.state === 'unavailable')
    return (
      <Alert color="gray" variant="light" title="Unavailable" data-unavailable={what}>
        <Text size="sm">
          {what.charAt(0).toUpperCase() + what.slice(1)} cannot be shown now: {part.reason}.
        </Text>
      </Alert>
    );
  return <>{children(part.data)}</>;
}

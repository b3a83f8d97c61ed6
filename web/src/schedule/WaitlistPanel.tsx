import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ApiFailure, describeError, must } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { usePatientNames } from './patients';
import { useAppointmentTypes, useWaitlist, waitlistKey } from './queries';
import { byUrgency, holdText, offeredTime, pendingOffer, windowLabel, type WaitlistEntry } from './waitlist';

type Props = { locationId: string; timeZone: string; providerName?: (id: string) => string | undefined };
type Action = { kind: 'accept' | 'decline' | 'remove'; entry: WaitlistEntry };

/** Who waits at the location, held slots first: accept or decline an offer for the patient, or take them off. */
export function WaitlistPanel({ locationId, timeZone, providerName = () => undefined }: Props) {
  const list = useWaitlist(locationId);
  const types = useAppointmentTypes(locationId);
  const entries = byUrgency(list.data ?? []);
  const patientName = usePatientNames(entries.map((e) => e.patient_id));
  const now = useNow(30_000);
  const [outcome, setOutcome] = useState<string | null>(null);
  const queries = useQueryClient();

  const act = useMutation({
    mutationFn: async ({ kind, entry }: Action) => {
      if (kind === 'remove')
        return must(await api.DELETE('/api/v1/scheduling/waitlist/{entry_id}', { params: { path: { entry_id: entry.id } } }));
      const path = { params: { path: { offer_id: pendingOffer(entry)!.id } } };
      return kind === 'accept'
        ? must(await api.POST('/api/v1/scheduling/waitlist/offers/{offer_id}/accept', path))
        : must(await api.POST('/api/v1/scheduling/waitlist/offers/{offer_id}/decline', path));
    },
    onMutate: () => setOutcome(null),
    onSuccess: (_, { kind, entry }) => {
      const name = patientName(entry.patient_id);
      const offer = pendingOffer(entry);
      setOutcome(
        kind === 'accept'
          ? `Booked ${name}: ${offer ? offeredTime(offer, timeZone) : 'the held slot'}.`
          : kind === 'decline'
            ? `${name} declined: they keep waiting and the slot goes to the next patient.`
            : `${name} is off the waitlist.`,
      );
    },
    // Also after a refusal: a 409 (hold expired, already answered) means the list on screen is out of date.
    onSettled: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: waitlistKey(locationId) }),
        queries.invalidateQueries({ queryKey: ['day-sheet', locationId] }),
      ]),
  });

  // A role that may not read the waitlist simply has no panel.
  if (list.error instanceof ApiFailure && list.error.status === 403) return null;
  const typeName = (id: string) => types.data?.find((t) => t.id === id)?.name ?? 'Appointment';
  const busy = (kind: Action['kind'], entry: WaitlistEntry) =>
    act.isPending && act.variables?.kind === kind && act.variables.entry.id === entry.id;

  return (
    <Stack component="section" aria-labelledby="waitlist-title" gap="xs" data-waitlist>
      <Group gap="xs">
        <Title order={3} id="waitlist-title">
          Waitlist
        </Title>
        {list.data && (
          <Badge variant="light" color="gray" c="dark.7">
            {entries.length} waiting
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dark.7" aria-live="polite" role="status">
        {outcome}
      </Text>
      {act.error && (
        <Alert color="red" role="alert" title="Not done">
          {act.error instanceof ApiFailure ? describeError(act.error.body ?? act.error) : describeError(act.error)}
        </Alert>
      )}
      {list.error ? (
        <Failed error={list.error} retry={() => void list.refetch()} />
      ) : list.isLoading ? (
        <Loading what="the waitlist" />
      ) : entries.length === 0 ? (
        <Empty>Nobody is waiting at this location.</Empty>
      ) : (
        entries.map((entry) => {
          const name = patientName(entry.patient_id);
          const offer = pendingOffer(entry);
          const hold = offer && holdText(offer.expires_at, now, timeZone);
          const provider = entry.provider_id ? providerName(entry.provider_id) : undefined;
          return (
            <Card key={entry.id} withBorder padding="xs" data-waitlist-entry={entry.id}>
              <Group justify="space-between" wrap="nowrap" align="start">
                <div>
                  <Text size="sm" fw={600}>
                    {name}
                  </Text>
                  <Text size="xs" c="dark.7">
                    {typeName(entry.appointment_type_id)} · {windowLabel(entry)}
                    {provider ? ` · with ${provider}` : ''}
                    {entry.priority > 0 ? ` · priority ${entry.priority}` : ''}
                  </Text>
                </div>
                <Button
                  size="compact-xs"
                  variant="default"
                  style={{ flexShrink: 0 }} // a long name wraps; the button keeps its label whole
                  aria-label={`Remove ${name} from the waitlist`}
                  loading={busy('remove', entry)}
                  onClick={() => act.mutate({ kind: 'remove', entry })}
                >
                  Remove
                </Button>
              </Group>
              {offer && hold && (
                // A border, not a tinted background, marks the offer: small dark text stays readable on white.
                <Stack gap={4} mt={6} pl={8} style={{ borderLeft: '3px solid var(--mantine-color-blue-7)' }} data-offer={offer.id}>
                  <Text size="sm">Offered {offeredTime(offer, timeZone)}</Text>
                  <Text size="xs" c={hold.expired ? 'red.9' : 'dark.7'}>
                    {hold.text}
                  </Text>
                  <Group gap={6}>
                    <Button
                      size="compact-xs"
                      aria-label={`Accept the offer for ${name}`}
                      disabled={hold.expired}
                      loading={busy('accept', entry)}
                      onClick={() => act.mutate({ kind: 'accept', entry })}
                    >
                      Accept
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={`Decline the offer for ${name}`}
                      loading={busy('decline', entry)}
                      onClick={() => act.mutate({ kind: 'decline', entry })}
                    >
                      Decline
                    </Button>
                  </Group>
                </Stack>
              )}
            </Card>
          );
        })
      )}
    </Stack>
  );
}

/** The time now, again every `ms`, so a hold shows as expired without a reload. */
function useNow(ms: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

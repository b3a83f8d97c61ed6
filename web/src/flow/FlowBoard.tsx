import { Alert, Badge, Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, describeError, must, type Appointment } from '../api/client';
import { arrivals } from '../live/arrivals';
import { usePatientNames } from '../schedule/patients';
import { useDaySheets, useProviders } from '../schedule/queries';
import { clock, today, wallTime } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { LANES, byLane, completionBody, waitMinutes, type LineDraft } from './board';

type Action = { kind: 'complete' | 'cancel'; appointment: Appointment } | null;

const LONG_WAIT_MINUTES = 30;

/** Today's patients at the location by state; check in, complete, no-show and cancel from their cards. */
export function FlowBoard() {
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const timeZone = current?.timezone ?? 'UTC';
  const day = today(timeZone);
  const [sheet] = useDaySheets(current?.location_id, [day]);
  const appointments = Object.values(sheet?.data?.by_provider ?? {}).flat() as Appointment[];
  const patientName = usePatientNames(appointments.map((a) => a.patient_id));
  const clinicians = useProviders(current?.location_id);
  const providerName = (id: string) => clinicians.data?.find((p) => p.staff_id === id)?.name ?? 'Clinician not listed here';
  const [now, setNow] = useState(Date.now());
  const [action, setAction] = useState<Action>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const queries = useQueryClient();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const step = useMutation({
    mutationFn: async ({ appointment, to }: { appointment: Appointment; to: 'check-in' | 'no-show' }) => {
      const path = { params: { path: { appointment_id: appointment.id } } };
      return to === 'check-in'
        ? must(await api.POST('/api/v1/scheduling/appointments/{appointment_id}/check-in', path))
        : must(await api.POST('/api/v1/scheduling/appointments/{appointment_id}/no-show', path));
    },
    onMutate: () => setFailure(null),
    onSuccess: (_data, { appointment, to }) => {
      if (to === 'check-in') arrivals.set(appointment.id, new Date().toISOString());
    },
    onError: (error) => setFailure(describeError((error as { body?: unknown }).body ?? error)),
    onSettled: () => queries.invalidateQueries({ queryKey: ['day-sheet', current?.location_id] }),
  });

  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  const lanes = byLane(appointments);
  return (
    <Stack>
      <Title order={2}>
        Flow board · {current.name} · {day}
      </Title>
      {failure && (
        <Alert color="red" role="alert" title="Not done" withCloseButton onClose={() => setFailure(null)}>
          {failure}
        </Alert>
      )}
      {sheet?.error ? (
        <Failed error={sheet.error} retry={() => void sheet.refetch()} />
      ) : sheet?.isLoading ? (
        <Loading what="today's patients" />
      ) : appointments.length === 0 ? (
        <Empty>No patient is booked at {current.name} today.</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {LANES.map((lane) => (
            <Stack key={lane.key} gap="xs" component="section" aria-label={lane.title} data-lane={lane.key}>
              <Group justify="space-between">
                <Title order={3} size="h5">
                  {lane.title}
                </Title>
                <Badge variant="light">{lanes[lane.key].length}</Badge>
              </Group>
              {lanes[lane.key].map((a) => (
                <Card key={a.id} withBorder padding="xs" data-appointment={a.id}>
                  <Text fw={600} size="sm">
                    {patientName(a.patient_id)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {clock(wallTime(a.start, timeZone).minutes)} · {providerName(a.provider_id)}
                  </Text>
                  {a.status === 'arrived' && <WaitLine minutes={waitMinutes(a, arrivals.get(a.id), now)} />}
                  {a.status === 'cancelled' && (
                    <Text size="xs" c="dimmed">
                      Cancelled by {a.cancelled_by}: {a.cancel_reason} {a.late_cancel ? '(late)' : ''}
                    </Text>
                  )}
                  <Group gap={4} mt={6}>
                    {a.status === 'booked' && (
                      <>
                        <Button size="compact-xs" onClick={() => step.mutate({ appointment: a, to: 'check-in' })}>
                          Check in
                        </Button>
                        <Button size="compact-xs" variant="light" color="red" onClick={() => step.mutate({ appointment: a, to: 'no-show' })}>
                          No-show
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => setAction({ kind: 'cancel', appointment: a })}>
                          Cancel
                        </Button>
                      </>
                    )}
                    {a.status === 'arrived' && (
                      <Button size="compact-xs" color="teal.9" onClick={() => setAction({ kind: 'complete', appointment: a })}>
                        Complete
                      </Button>
                    )}
                  </Group>
                </Card>
              ))}
              {lanes[lane.key].length === 0 && (
                <Text size="xs" c="dimmed">
                  Nobody
                </Text>
              )}
            </Stack>
          ))}
        </SimpleGrid>
      )}
      <CompleteDialog action={action} onClose={() => setAction(null)} locationId={current.location_id} />
      <CancelDialog action={action} onClose={() => setAction(null)} locationId={current.location_id} />
    </Stack>
  );
}

function CompleteDialog({ action, onClose, locationId }: { action: Action; onClose: () => void; locationId: string }) {
  const [lines, setLines] = useState<LineDraft[]>([{ cpt: '', modifiers: '', units: 1, pointers: '1' }]);
  const [diagnoses, setDiagnoses] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const queries = useQueryClient();
  const complete = useMutation({
    mutationFn: async (body: ReturnType<typeof completionBody>['body']) =>
      must(
        await api.POST('/api/v1/scheduling/appointments/{appointment_id}/complete', {
          params: { path: { appointment_id: action!.appointment.id } },
          body,
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['day-sheet', locationId] });
      onClose();
    },
  });
  const set = (i: number, patch: Partial<LineDraft>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <Modal opened={action?.kind === 'complete'} onClose={onClose} title="Complete the visit" size="lg">
      <Stack>
        <TextInput
          label="Diagnoses (ICD-10)"
          description="In order; CPT lines point at them by number (1 is the first)"
          placeholder="J06.9, R05"
          value={diagnoses}
          onChange={(e) => setDiagnoses(e.currentTarget.value)}
        />
        {lines.map((line, i) => (
          <Group key={i} align="end" gap="xs">
            <TextInput label={`CPT ${i + 1}`} value={line.cpt} onChange={(e) => set(i, { cpt: e.currentTarget.value })} w={100} />
            <TextInput label="Modifiers" value={line.modifiers} onChange={(e) => set(i, { modifiers: e.currentTarget.value })} w={100} />
            <NumberInput label="Units" min={1} max={999} value={line.units} onChange={(v) => set(i, { units: Number(v) || 1 })} w={80} />
            <TextInput label="Diagnosis pointers" value={line.pointers} onChange={(e) => set(i, { pointers: e.currentTarget.value })} w={140} />
          </Group>
        ))}
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => setLines([...lines, { cpt: '', modifiers: '', units: 1, pointers: '1' }])}>
          Add a CPT line
        </Button>
        {[...problems, ...(complete.error ? [describeError((complete.error as { body?: unknown }).body ?? complete.error)] : [])].map((p) => (
          <Alert key={p} color="red" role="alert">
            {p}
          </Alert>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button
            color="teal.9"
            loading={complete.isPending}
            onClick={() => {
              const { body, problems: found } = completionBody(lines, diagnoses);
              setProblems(found);
              if (!found.length) complete.mutate(body);
            }}
          >
            Complete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CancelDialog({ action, onClose, locationId }: { action: Action; onClose: () => void; locationId: string }) {
  const [by, setBy] = useState<'patient' | 'practice'>('patient');
  const [reason, setReason] = useState('');
  const queries = useQueryClient();
  const cancel = useMutation({
    mutationFn: async () =>
      must(
        await api.POST('/api/v1/scheduling/appointments/{appointment_id}/cancel', {
          params: { path: { appointment_id: action!.appointment.id } },
          body: { by, reason },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['day-sheet', locationId] });
      setReason('');
      onClose();
    },
  });
  return (
    <Modal opened={action?.kind === 'cancel'} onClose={onClose} title="Cancel the appointment">
      <Stack>
        <Select
          label="Cancelled by"
          data={[
            { value: 'patient', label: 'The patient' },
            { value: 'practice', label: 'The practice' },
          ]}
          value={by}
          onChange={(v) => v && setBy(v as 'patient' | 'practice')}
          allowDeselect={false}
        />
        <Textarea label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Text size="xs" c="dimmed">
          Inside the location's notice period a patient's cancellation is marked late.
        </Text>
        {cancel.error && (
          <Alert color="red" role="alert">
            {describeError((cancel.error as { body?: unknown }).body ?? cancel.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button color="red" disabled={!reason.trim()} loading={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel appointment
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Time since arrival; past half an hour it turns red (orange text on white is below the 4.5:1 contrast of WCAG AA). */
function WaitLine({ minutes }: { minutes: number }) {
  return (
    <Text size="xs" c={minutes >= LONG_WAIT_MINUTES ? 'red.9' : 'dark.6'} fw={600}>
      Waiting {minutes} min
    </Text>
  );
}

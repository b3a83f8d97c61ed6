import { Alert, Button, Group, Loader, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, ApiFailure, describeError, must, type Slot } from '../api/client';
import { PatientPicker } from '../schedule/PatientPicker';
import { usePatientNames } from '../schedule/patients';
import { useAppointmentTypes } from '../schedule/queries';
import { dayLabel, today } from '../schedule/time';
import { useLocations } from '../shell/LocationContext';
import { appointmentFor, bookedLine, slotKey, slotTime, sortSlots } from './booking';
import { Problem } from './Problem';
import { useTaskChanges } from './queries';
import type { TaskDetail } from './tasks';

type Props = { task: TaskDetail; timeZone: string; nameOf: (id: string) => string; mayComplete: boolean };

/** Book the requested visit from the task: a patient, a type, a day, one of its open slots; then close the task. */
export function BookPanel({ task, timeZone: fallbackZone, nameOf, mayComplete }: Props) {
  const { locations } = useLocations();
  // The slots are at the task's location, which need not be the one the console has open.
  const timeZone = locations.find((l) => l.location_id === task.location_id)?.timezone || fallbackZone;
  const locationId = task.location_id;
  const [patientId, setPatientId] = useState<string | null>(task.patient_id);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [day, setDay] = useState(() => today(timeZone));
  const [chosen, setChosen] = useState<string | null>(null);
  const [booked, setBooked] = useState<string | null>(null);
  const types = useAppointmentTypes(locationId);
  const slots = useOpenSlots(locationId, typeId, day);
  const open = useMemo(() => sortSlots(slots.data ?? [], nameOf), [slots.data, nameOf]);
  const slot = open.find((s) => slotKey(s) === chosen) ?? null;
  const queries = useQueryClient();
  const { move } = useTaskChanges(task.id);
  // The task names its patient from the sender's address; that one is offered before any search.
  const taskPatient = usePatientNames(task.patient_id ? [task.patient_id] : []);

  const book = useMutation({
    mutationFn: async (picked: Slot) =>
      must(
        await api.POST('/api/v1/scheduling/appointments', {
          params: { header: { 'idempotency-key': crypto.randomUUID() } },
          body: appointmentFor(picked, { locationId, patientId: patientId!, typeId: typeId! }),
        }),
      ),
    onSuccess: (_, picked) => {
      setBooked(bookedLine(picked, timeZone, nameOf));
      setChosen(null);
      // The schedule, the patient's visits and the open times all changed with the booking.
      for (const queryKey of [['day-sheet', locationId], ['patient-appointments', patientId], ['slots', locationId]])
        void queries.invalidateQueries({ queryKey });
    },
  });
  const restart = () => (setChosen(null), setBooked(null), book.reset());

  return (
    <Stack gap="sm" component="section" aria-label="Book the requested appointment" data-book-panel>
      <PatientPicker
        value={patientId}
        onChange={(id) => (setPatientId(id), restart())}
        pinned={task.patient_id ? { id: task.patient_id, label: `${taskPatient(task.patient_id)} (named by the task)` } : null}
      />
      <Group align="end" gap="xs">
        <Select
          label="Appointment type"
          data={(types.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.duration_minutes} min)` }))}
          value={typeId}
          onChange={(v) => (setTypeId(v), restart())}
          placeholder={types.isLoading ? 'Loading…' : 'Choose a type'}
          error={types.error ? describeError(types.error) : undefined}
          w={260}
        />
        <TextInput
          type="date"
          label="Day"
          value={day}
          min={today(timeZone)}
          onChange={(e) => (setDay(e.currentTarget.value), restart())}
          w={180}
        />
      </Group>
      {typeId && day && (
        <OpenSlots
          open={open}
          loading={slots.isLoading}
          error={slots.error}
          day={day}
          chosen={chosen}
          onChoose={setChosen}
          timeZone={timeZone}
          nameOf={nameOf}
        />
      )}
      {book.error && (
        <Alert color="red.9" role="alert" title="Not booked">
          {book.error instanceof ApiFailure ? describeError(book.error.body) : describeError(book.error)}
        </Alert>
      )}
      {booked ? (
        <Alert color="teal.9" role="status" title="Booked">
          <Stack gap="xs">
            <Text size="sm">{booked}.</Text>
            {mayComplete && (
              <Button
                size="xs"
                w="fit-content"
                color="teal.9"
                loading={move.isPending}
                onClick={() => move.mutate({ status: 'completed' })}
              >
                Complete the task
              </Button>
            )}
            <Problem error={move.error} />
          </Stack>
        </Alert>
      ) : (
        <Button w="fit-content" disabled={!patientId || !slot} loading={book.isPending} onClick={() => slot && book.mutate(slot)}>
          Book
        </Button>
      )}
    </Stack>
  );
}

function useOpenSlots(locationId: string, typeId: string | null, day: string) {
  return useQuery({
    queryKey: ['slots', locationId, typeId, 'any provider', day],
    enabled: !!typeId && !!day,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/scheduling/slots', {
          params: { query: { location_id: locationId, appointment_type_id: typeId!, first_day: day, last_day: day } },
        }),
      ),
  });
}

type SlotsProps = {
  open: Slot[];
  loading: boolean;
  error: unknown;
  day: string;
  chosen: string | null;
  onChoose: (key: string) => void;
  timeZone: string;
  nameOf: (id: string) => string;
};

function OpenSlots({ open, loading, error, day, chosen, onChoose, timeZone, nameOf }: SlotsProps) {
  if (loading) return <Loader size="sm" aria-label="Loading open times" />;
  if (error) return <Problem error={error} title="Open times could not be read" />;
  if (open.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No open time on {dayLabel(day)} for this type. Try another day.
      </Text>
    );
  return (
    <Radio.Group label={`Open times on ${dayLabel(day)}`} value={chosen} onChange={onChoose}>
      <Group gap="md" mt={4} data-open-slots>
        {open.map((s) => (
          <Radio key={slotKey(s)} value={slotKey(s)} label={`${slotTime(s, timeZone)} · ${nameOf(s.provider_id)}`} />
        ))}
      </Group>
    </Radio.Group>
  );
}

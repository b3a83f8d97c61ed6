import { Alert, Button, Chip, Group, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, describeError, must, type Appointment, type Schemas, type Slot } from '../api/client';
import { useAppointmentTypes } from './queries';
import { PatientPicker } from './PatientPicker';
import { RepeatFields } from './RepeatFields';
import { repeatProblem, seriesBody, type Repeat } from './series';
import { clock, dayLabel, wallTime } from './time';

export type BookTarget = { providerId: string; providerName: string; day: string; minutes: number };

type Props = { target: BookTarget | null; locationId: string; timeZone: string; onClose: () => void };

/** Book free time: a patient, an appointment type, one of the open slots slot search offers, and maybe a repeat. */
export function BookDialog({ target, locationId, timeZone, onClose }: Props) {
  const [patientId, setPatientId] = useState<string | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [slot, setSlot] = useState<string | null>(null);
  const [repeat, setRepeat] = useState<Repeat | null>(null);
  const [seriesBooked, setSeriesBooked] = useState<Appointment[] | null>(null);
  const types = useAppointmentTypes(locationId);
  const queries = useQueryClient();
  useEffect(() => {
    setPatientId(null);
    setSlot(null);
    setRepeat(null);
    setSeriesBooked(null);
  }, [target]);

  const slots = useQuery({
    queryKey: ['slots', locationId, typeId, target?.providerId, target?.day],
    enabled: !!target && !!typeId,
    queryFn: async () =>
      must(
        await api.GET('/api/v1/scheduling/slots', {
          params: {
            query: {
              location_id: locationId,
              appointment_type_id: typeId!,
              first_day: target!.day,
              last_day: target!.day,
              provider_id: target!.providerId,
            },
          },
        }),
      ),
  });
  const open: Slot[] = slots.data ?? [];
  useEffect(() => {
    if (!target || !open.length) return;
    const clicked = open.find((s) => wallTime(s.start, timeZone).minutes >= target.minutes) ?? open[0];
    setSlot((current) => current ?? clicked.start);
  }, [open, target, timeZone]);

  const chosen = open.find((s) => s.start === slot);
  const booking: Schemas['SchedulingAppointmentIn'] | null =
    chosen && patientId
      ? {
          location_id: locationId,
          patient_id: patientId,
          provider_id: chosen.provider_id,
          appointment_type_id: typeId,
          start: chosen.start,
          end: chosen.end,
          room_id: chosen.room_ids[0] ?? null,
        }
      : null;
  const problem = repeat && target ? repeatProblem(repeat, target.day) : null;

  const book = useMutation({
    mutationFn: async (): Promise<Appointment[]> => {
      if (repeat) {
        const series = seriesBody(booking!, target!.day, repeat);
        if ('problem' in series) throw new Error(series.problem); // the Book button is disabled meanwhile
        return must(await api.POST('/api/v1/scheduling/appointment-series', { body: series.body }));
      }
      const one = must(
        await api.POST('/api/v1/scheduling/appointments', {
          params: { header: { 'idempotency-key': crypto.randomUUID() } },
          body: booking!,
        }),
      );
      return [one];
    },
    onSuccess: (appointments) => {
      void queries.invalidateQueries({ queryKey: ['day-sheet', locationId] });
      if (!repeat) return onClose();
      // A series is worth a look before closing: the dialog stays open and says how many were booked.
      void queries.invalidateQueries({ queryKey: ['slots', locationId] });
      setSeriesBooked(appointments);
      setPatientId(null);
    },
  });

  return (
    <Modal opened={!!target} onClose={onClose} title={target ? `Book with ${target.providerName}, ${target.day}` : ''}>
      <Stack>
        <PatientPicker value={patientId} onChange={setPatientId} />
        <Select
          label="Appointment type"
          data={(types.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.duration_minutes} min)` }))}
          value={typeId}
          onChange={(v) => {
            setTypeId(v);
            setSlot(null);
          }}
          placeholder={types.isLoading ? 'Loading…' : 'Choose a type'}
          error={types.error ? describeError(types.error) : undefined}
        />
        {typeId && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="open-slots">
              Open times
            </Text>
            {slots.isLoading ? (
              <Loader size="sm" aria-label="Loading open times" />
            ) : slots.error ? (
              <Alert color="red">{describeError(slots.error)}</Alert>
            ) : open.length === 0 ? (
              <Text size="sm" c="dimmed">
                No open time that day for this type. Try another day or provider.
              </Text>
            ) : (
              <Chip.Group value={slot} onChange={(v) => setSlot(v as string)}>
                <Group gap={6} aria-labelledby="open-slots">
                  {open.map((s) => (
                    <Chip key={s.start} value={s.start} size="xs">
                      {clock(wallTime(s.start, timeZone).minutes)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            )}
          </Stack>
        )}
        {target && (
          <RepeatFields
            repeat={repeat}
            onChange={(r) => {
              setRepeat(r);
              setSeriesBooked(null);
            }}
            firstDay={target.day}
            problem={problem}
          />
        )}
        {seriesBooked && (
          <Alert color="green" role="status" title={`Booked ${seriesBooked.length} appointments`}>
            <Text size="sm" c="dark.7">
              {seriesSpan(seriesBooked, timeZone)}
            </Text>
          </Alert>
        )}
        {book.error && (
          <Alert color="red" role="alert" title="Not booked">
            {describeError((book.error as { body?: unknown }).body ?? book.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => book.mutate()} disabled={!booking || !!problem} loading={book.isPending}>
            Book
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Where a booked series starts and ends, in the location's wall clock. */
function seriesSpan(appointments: Appointment[], timeZone: string): string {
  const at = (a: Appointment) => {
    const w = wallTime(a.start, timeZone);
    return `${dayLabel(w.day)} ${clock(w.minutes)}`;
  };
  const sorted = [...appointments].sort((a, b) => a.start.localeCompare(b.start));
  return sorted.length ? `From ${at(sorted[0])} to ${at(sorted[sorted.length - 1])}.` : '';
}

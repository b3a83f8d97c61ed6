import { Badge, Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiFailure, must, type Appointment } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { BookDialog, type BookTarget } from './BookDialog';
import { SLOT_MINUTES, STATUS_COLOURS, STATUS_LABELS, gridHours, providerColumns, type Column } from './layout';
import { usePatientNames } from './patients';
import { useDaySheets, useMembers } from './queries';
import { ScheduleGrid } from './ScheduleGrid';
import { addDays, dayLabel, instantOf, today, wallTime, weekStart } from './time';

type View = 'day' | 'week';

export function SchedulePage() {
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const timeZone = current?.timezone ?? 'UTC';
  const [view, setView] = useState<View>('day');
  const [chosenDay, setDay] = useState<string | null>(null);
  const day = chosenDay ?? today(timeZone); // the location's today, once its timezone is known
  const [target, setTarget] = useState<BookTarget | null>(null);
  const [refusal, setRefusal] = useState<{ appointmentId: string; message: string } | null>(null);
  const days = view === 'day' ? [day] : Array.from({ length: 7 }, (_, i) => addDays(weekStart(day), i));
  const members = useMembers(current?.location_id);
  const sheets = useDaySheets(current?.location_id, days);
  const queries = useQueryClient();

  const appointments = sheets.flatMap((s) => Object.values(s.data?.by_provider ?? {}).flat()) as Appointment[];
  const byProvider = Object.assign({}, ...sheets.map((s) => s.data?.by_provider ?? {}));
  const providers = providerColumns(members.data ?? [], byProvider);
  const patientName = usePatientNames(appointments.map((a) => a.patient_id));
  const columns: Column[] = days.flatMap((d) =>
    providers.map((p) => ({
      key: `${d}/${p.id}`,
      day: d,
      providerId: p.id,
      label: view === 'day' ? p.name : `${dayLabel(d)} · ${p.name}`,
    })),
  );

  const move = useMutation({
    mutationFn: async ({ appointment, column, minutes }: { appointment: Appointment; column: Column; minutes: number }) => {
      const length = new Date(appointment.end).getTime() - new Date(appointment.start).getTime();
      const start = instantOf(column.day, minutes, timeZone);
      const end = new Date(new Date(start).getTime() + length).toISOString().replace('.000Z', 'Z');
      return must(
        await api.POST('/api/v1/scheduling/appointments/{appointment_id}/reschedule', {
          params: { path: { appointment_id: appointment.id } },
          body: { start, end, provider_id: column.providerId },
        }),
      );
    },
    onMutate: ({ appointment }) => setRefusal((r) => (r?.appointmentId === appointment.id ? null : r)),
    onError: (error, { appointment }) =>
      setRefusal({ appointmentId: appointment.id, message: error instanceof ApiFailure ? `Not moved: ${error.message}` : String(error) }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['day-sheet', current?.location_id] }),
  });

  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  const loading = members.isLoading || sheets.some((s) => s.isLoading);
  // A front desk may not list staff: its columns are then the providers with visits that day, by id.
  const membersRefused = members.error instanceof ApiFailure && members.error.status === 403;
  const failed = (membersRefused ? null : members.error) ?? sheets.find((s) => s.error)?.error;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Schedule · {current.name}</Title>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setDay(addDays(day, view === 'day' ? -1 : -7))}>
            ‹ Earlier
          </Button>
          <Button variant="default" size="xs" onClick={() => setDay(today(timeZone))}>
            Today
          </Button>
          <Button variant="default" size="xs" onClick={() => setDay(addDays(day, view === 'day' ? 1 : 7))}>
            Later ›
          </Button>
          <DatePickerInput
            aria-label={undefined}
            title="Day shown"
            size="xs"
            value={day}
            onChange={(v) => v && setDay(String(v).slice(0, 10))}
            valueFormat="ddd D MMM YYYY"
            placeholder="Day shown"
            w={150}
          />
          <SegmentedControl
            size="xs"
            aria-label="View"
            value={view}
            onChange={(v) => setView(v as View)}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
          />
        </Group>
      </Group>
      <Group gap={6} aria-label="Status colours">
        {Object.entries(STATUS_LABELS).slice(0, 5).map(([status, label]) => (
          <Badge key={status} color={STATUS_COLOURS[status]} variant="light" size="sm">
            {label}
          </Badge>
        ))}
      </Group>
      {failed ? (
        <Failed error={failed} retry={() => void queries.invalidateQueries({ queryKey: ['day-sheet'] })} />
      ) : loading ? (
        <Loading what="the schedule" />
      ) : providers.length === 0 ? (
        <Empty>No provider works at {current.name} yet: hire one in Staff, then give them shifts.</Empty>
      ) : (
        <ScheduleGrid
          columns={columns}
          appointments={appointments}
          timeZone={timeZone}
          patientName={patientName}
          refusal={refusal}
          hours={gridHours(current.opening_hours ?? [], days)}
          slotMinutes={view === 'week' ? 30 : SLOT_MINUTES} // a week of 25 providers: 4,200 buttons, not 8,400
          onFreeTime={(column, minutes) =>
            setTarget({ providerId: column.providerId, providerName: column.label, day: column.day, minutes })
          }
          onMove={(appointment, column, minutes) => {
            const at = wallTime(appointment.start, timeZone);
            if (at.day === column.day && at.minutes === minutes && appointment.provider_id === column.providerId) return;
            move.mutate({ appointment, column, minutes });
          }}
        />
      )}
      <BookDialog target={target} locationId={current.location_id} timeZone={timeZone} onClose={() => setTarget(null)} />
    </Stack>
  );
}

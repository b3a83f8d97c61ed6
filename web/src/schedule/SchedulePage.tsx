import { Badge, Button, Grid, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, ApiFailure, must, type Appointment } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { BookDialog, type BookTarget } from './BookDialog';
import { SLOT_MINUTES, STATUS_COLOURS, STATUS_LABELS, coveringVisits, gridColumns, gridHours, providerColumns, roomLanes, type Column } from './layout';
import { usePatientNames } from './patients';
import { useDaySheets, useProviders, useRooms, useWaitlist } from './queries';
import { ScheduleGrid } from './ScheduleGrid';
import { addDays, clock, instantOf, today, wallTime, weekStart } from './time';
import { WaitlistPanel } from './WaitlistPanel';

type View = 'day' | 'week';
type Lanes = 'providers' | 'rooms';

const forbidden = (error: unknown) => error instanceof ApiFailure && error.status === 403;
const ROOM_HINT = 'Rooms show where visits are; booking and moving are by provider: switch to Providers.';

export function SchedulePage() {
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const timeZone = current?.timezone ?? 'UTC';
  const [view, setView] = useState<View>('day');
  const [by, setBy] = useState<Lanes>('providers');
  const [roomHint, setRoomHint] = useState(ROOM_HINT);
  const [chosenDay, setDay] = useState<string | null>(null);
  const day = chosenDay ?? today(timeZone); // the location's today, once its timezone is known
  const [target, setTarget] = useState<BookTarget | null>(null);
  const [refusal, setRefusal] = useState<{ appointmentId: string; message: string } | null>(null);
  const days = view === 'day' ? [day] : Array.from({ length: 7 }, (_, i) => addDays(weekStart(day), i));
  const clinicians = useProviders(current?.location_id);
  const sheets = useDaySheets(current?.location_id, days);
  const rooms = useRooms(current?.location_id, by === 'rooms');
  const waitlist = useWaitlist(current?.location_id);
  const queries = useQueryClient();

  const appointments = sheets.flatMap((s) => Object.values(s.data?.by_provider ?? {}).flat()) as Appointment[];
  const byProvider = Object.assign({}, ...sheets.map((s) => s.data?.by_provider ?? {}));
  const providers = providerColumns(clinicians.data ?? [], byProvider);
  const patientName = usePatientNames(appointments.map((a) => a.patient_id));
  // A front desk may not list rooms either: its room columns are then the rooms the visits use, by id.
  const lanes = by === 'providers' ? providers : roomLanes(forbidden(rooms.error) ? null : (rooms.data ?? []), appointments);
  const columns: Column[] = gridColumns(days, lanes, by);
  // A visit booked outside the opening hours (an early clinic, a late add-on) still gets its place on the grid.
  const openingHours = current?.opening_hours;
  const hours = useMemo(
    () => coveringVisits(gridHours(openingHours ?? [], days), appointments, timeZone),
    // days and appointments are new arrays each render: their contents are the keys
    [openingHours, days.join(), sheets.map((s) => s.dataUpdatedAt).join(), timeZone],
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
  const loading = clinicians.isLoading || sheets.some((s) => s.isLoading) || (by === 'rooms' && rooms.isLoading);
  const failed =
    clinicians.error ??
    (by === 'rooms' && !forbidden(rooms.error) ? rooms.error : null) ??
    sheets.find((s) => s.error)?.error;
  const withWaitlist = !forbidden(waitlist.error); // a role that may not read the waitlist gets the whole width

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
          <SegmentedControl
            size="xs"
            aria-label="Columns"
            value={by}
            onChange={(v) => {
              setBy(v as Lanes);
              setRoomHint(ROOM_HINT);
            }}
            data={[
              { value: 'providers', label: 'Providers' },
              { value: 'rooms', label: 'Rooms' },
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
      {by === 'rooms' && (
        <Text size="sm" c="dark.7" role="status" data-room-hint>
          {roomHint}
        </Text>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: withWaitlist ? 9 : 12 }} miw={0}>
          {failed ? (
            <Failed
              error={failed}
              retry={() => {
                void queries.invalidateQueries({ queryKey: ['day-sheet'] });
                void queries.invalidateQueries({ queryKey: ['rooms'] });
              }}
            />
          ) : loading ? (
            <Loading what="the schedule" />
          ) : by === 'providers' && providers.length === 0 ? (
            <Empty>No provider works at {current.name} yet: hire one in Staff, then give them shifts.</Empty>
          ) : lanes.length === 0 ? (
            <Empty>No room is set up at {current.name}, and no visit shown has one.</Empty>
          ) : (
            <ScheduleGrid
              columns={columns}
              appointments={appointments}
              timeZone={timeZone}
              patientName={patientName}
              refusal={refusal}
              hours={hours}
              slotMinutes={view === 'week' ? 30 : SLOT_MINUTES} // a week of 25 providers: 4,200 buttons, not 8,400
              onFreeTime={(column, minutes) =>
                by === 'providers'
                  ? setTarget({ providerId: column.providerId, providerName: column.label, day: column.day, minutes })
                  : setRoomHint(`To book ${column.label} at ${clock(minutes)}, switch to Providers: a booking needs its provider.`)
              }
              onMove={(appointment, column, minutes) => {
                if (by === 'rooms') return; // a room column has no provider to move to, and moving rooms is not offered
                const at = wallTime(appointment.start, timeZone);
                if (at.day === column.day && at.minutes === minutes && appointment.provider_id === column.providerId) return;
                move.mutate({ appointment, column, minutes });
              }}
            />
          )}
        </Grid.Col>
        {withWaitlist && (
          <Grid.Col span={{ base: 12, lg: 3 }}>
            <WaitlistPanel
              locationId={current.location_id}
              timeZone={timeZone}
              providerName={(id) => providers.find((p) => p.id === id && p.name !== id)?.name}
            />
          </Grid.Col>
        )}
      </Grid>
      <BookDialog target={target} locationId={current.location_id} timeZone={timeZone} onClose={() => setTarget(null)} />
    </Stack>
  );
}

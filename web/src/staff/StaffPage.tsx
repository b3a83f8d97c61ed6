import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useMembers } from '../schedule/queries';
import { addDays, dayLabel, today } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { AddShiftForm } from './AddShiftForm';
import { CancelShiftDialog, type CancelTarget } from './CancelShiftDialog';
import { CoverageGaps } from './CoverageGaps';
import { groupByWindow } from './credentials';
import { ExpiringCredentials } from './ExpiringCredentials';
import { useCredentials, usePendingTimeOff, useWeekCoverage, useWeekShifts } from './queries';
import { RosterGrid } from './RosterGrid';
import { RosterTemplates } from './RosterTemplates';
import { TimeOffRequests } from './TimeOffRequests';
import { awayShifts, memberName, rosterGrid, weekDays, weekGaps } from './week';

/**
 * The office manager's staff desk at one location: the week's roster (shifts added, cancelled, saved as or filled
 * from a template) and gaps, time off, expiring credentials.
 */
export function StaffPage() {
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const timeZone = current?.timezone ?? 'UTC';
  const [chosen, setChosen] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<CancelTarget | null>(null);
  const localToday = today(timeZone);
  const days = weekDays(chosen ?? localToday);
  const members = useMembers(current?.location_id);
  const shifts = useWeekShifts(current?.location_id, days);
  const coverage = useWeekCoverage(current?.location_id, days);
  const credentials = useCredentials(members.data ?? []);
  const timeOff = usePendingTimeOff(current?.location_id);

  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  const coverages = coverage.flatMap((c) => (c.data ? [c.data] : []));
  const coverageFailed = coverage.find((c) => c.error)?.error;
  const rosterFailed = members.error ?? shifts.error;
  const byId = new Map((members.data ?? []).map((m) => [m.id, m]));
  const nameOf = (id: string) => (byId.has(id) ? memberName(byId.get(id)!) : id);
  const credentialsFailed = credentials.find((c) => c.error)?.error;
  const groups = groupByWindow(
    (members.data ?? []).map((m, i) => ({ member: memberName(m), credentials: credentials[i]?.data ?? [] })),
    localToday,
  );

  return (
    <Stack gap="xl">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Staff · {current.name}</Title>
        <Group gap="xs" role="group" aria-label="Week shown">
          <Button variant="default" size="xs" onClick={() => setChosen(addDays(days[0], -7))}>
            ‹ Previous week
          </Button>
          <Button variant="default" size="xs" onClick={() => setChosen(null)}>
            This week
          </Button>
          <Button variant="default" size="xs" onClick={() => setChosen(addDays(days[0], 7))}>
            Next week ›
          </Button>
        </Group>
      </Group>

      <Stack component="section" aria-labelledby="roster-title" gap="sm">
        <Title order={3} id="roster-title">
          Roster, {dayLabel(days[0])} – {dayLabel(days[6])}
        </Title>
        {rosterFailed ? (
          <Failed error={rosterFailed} retry={() => void (members.refetch(), shifts.refetch())} />
        ) : members.isLoading || shifts.isLoading ? (
          <Loading what="the roster" />
        ) : (members.data ?? []).length === 0 && (shifts.data ?? []).length === 0 ? (
          <Empty>Nobody works at {current.name} yet.</Empty>
        ) : (
          <RosterGrid
            rows={rosterGrid(members.data ?? [], shifts.data ?? [], days, timeZone, awayShifts(coverages))}
            days={days}
            today={localToday}
            onCancel={setCancelling}
          />
        )}
        <CancelShiftDialog target={cancelling} onClose={() => setCancelling(null)} />
      </Stack>

      <Stack component="section" aria-labelledby="add-shift-title" gap="sm">
        <Title order={3} id="add-shift-title">
          Add a shift
        </Title>
        <AddShiftForm
          locationId={current.location_id}
          members={members.data ?? []}
          days={days}
          initialDay={days.includes(localToday) ? localToday : days[0]}
        />
      </Stack>

      <Stack component="section" aria-labelledby="templates-title" gap="sm">
        <Title order={3} id="templates-title">
          Roster templates
        </Title>
        <RosterTemplates locationId={current.location_id} timeZone={timeZone} days={days} shifts={shifts.data ?? []} />
      </Stack>

      <Stack component="section" aria-labelledby="gaps-title" gap="sm">
        <Title order={3} id="gaps-title">
          Coverage gaps
        </Title>
        {coverageFailed ? (
          <Failed error={coverageFailed} retry={() => coverage.forEach((c) => void c.refetch())} />
        ) : coverage.some((c) => c.isLoading) ? (
          <Loading what="coverage" />
        ) : (
          <CoverageGaps gaps={weekGaps(coverages, timeZone)} />
        )}
      </Stack>

      <Stack component="section" aria-labelledby="time-off-title" gap="sm">
        <Title order={3} id="time-off-title">
          Time-off requests
        </Title>
        {timeOff.error ? (
          <Failed error={timeOff.error} retry={() => void timeOff.refetch()} />
        ) : timeOff.isLoading ? (
          <Loading what="time-off requests" />
        ) : (
          <TimeOffRequests requests={timeOff.data ?? []} timeZone={timeZone} nameOf={nameOf} />
        )}
      </Stack>

      <Stack component="section" aria-labelledby="credentials-title" gap="sm">
        <Title order={3} id="credentials-title">
          Credentials expiring
        </Title>
        {members.error || credentialsFailed ? (
          <Failed error={members.error ?? credentialsFailed} retry={() => credentials.forEach((c) => void c.refetch())} />
        ) : members.isLoading || credentials.some((c) => c.isLoading) ? (
          <Loading what="credentials" />
        ) : (
          <ExpiringCredentials groups={groups} />
        )}
      </Stack>
    </Stack>
  );
}

import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../api/client';
import { dayLabel } from '../schedule/time';
import { useAddShift } from './queries';
import { refusal } from './refusal';
import { shiftProblem, shiftTimes, shiftWhen, type ShiftDraft } from './shifts';
import { memberName } from './week';

type Props = { locationId: string; members: StaffMember[]; days: string[]; initialDay: string };

/**
 * One shift for one member on a day of the shown week, in the location's local times. The server answers an
 * overlap with the member's other shifts with a 409: its message is shown here, next to the form.
 */
export function AddShiftForm({ locationId, members, days, initialDay }: Props) {
  const [draft, setDraft] = useState<ShiftDraft>({ staffId: '', day: initialDay, start: '08:00', end: '17:00' });
  const [problem, setProblem] = useState<string | null>(null);
  const add = useAddShift();
  // The shown week may change under the form: keep the day inside it.
  const day = days.includes(draft.day) ? draft.day : days[0];
  const set = (change: Partial<ShiftDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setProblem(null);
    add.reset();
  };
  const working = members.filter((m) => !m.terminated_on);
  const nameOf = (id: string) => {
    const m = working.find((w) => w.id === id);
    return m ? memberName(m) : id;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = { ...draft, day };
    const wrong = shiftProblem(chosen);
    setProblem(wrong);
    if (!wrong) add.mutate({ locationId, staffId: chosen.staffId, ...shiftTimes(chosen) });
  };
  const added = add.data && add.variables;

  return (
    <Stack component="form" gap="xs" onSubmit={submit} aria-label="Add a shift" data-add-shift>
      <Group gap="xs" align="end" wrap="wrap">
        <NativeSelect
          label="Member"
          value={draft.staffId}
          onChange={(e) => set({ staffId: e.currentTarget.value })}
          data={[{ value: '', label: 'Choose a member' }, ...working.map((m) => ({ value: m.id, label: memberName(m) }))]}
        />
        <NativeSelect
          label="Day"
          value={day}
          onChange={(e) => set({ day: e.currentTarget.value })}
          data={days.map((d) => ({ value: d, label: dayLabel(d) }))}
        />
        <TextInput type="time" label="Starts" value={draft.start} onChange={(e) => set({ start: e.currentTarget.value })} />
        <TextInput
          type="time"
          label="Ends"
          description="At or before the start: next day"
          value={draft.end}
          onChange={(e) => set({ end: e.currentTarget.value })}
        />
        <Button type="submit" loading={add.isPending}>
          Add shift
        </Button>
      </Group>
      {(problem || add.error) && (
        <Alert color="red" title="Shift not added" role="alert" data-add-shift-error>
          {problem ?? refusal(add.error)}
        </Alert>
      )}
      {added && !problem && (
        <Alert color="teal" title="Shift added" role="status" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
          {nameOf(added.staffId)}: {shiftWhen(dayLabel(day), draft.start, draft.end, draft.end <= draft.start)}
        </Alert>
      )}
    </Stack>
  );
}

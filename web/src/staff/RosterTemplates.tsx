import { Alert, Button, Group, Loader, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../api/client';
import { dayLabel } from '../schedule/time';
import { useFillFromTemplate, useRosterTemplates, useSaveTemplate } from './queries';
import { refusal } from './refusal';
import { fillSpan, MAX_FILL_WEEKS, templateEntries } from './shifts';
import type { Shift } from './week';

type Props = { locationId: string; timeZone: string; days: string[]; shifts: Shift[] };

/** Save the shown week's scheduled shifts as a weekly template, or fill weeks from a saved one, all or none. */
export function RosterTemplates({ locationId, timeZone, days, shifts }: Props) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [weeks, setWeeks] = useState(1);
  const templates = useRosterTemplates(locationId);
  const save = useSaveTemplate();
  const fill = useFillFromTemplate();
  const entries = templateEntries(shifts, days, timeZone);
  const saved = templates.data ?? [];
  const templateId = saved.some((t) => t.id === chosen) ? chosen : (saved[0]?.id ?? '');
  const span = fillSpan(days[0], weeks);
  const covered = `${dayLabel(span.firstDay)} – ${dayLabel(span.lastDay)}`;

  const onSave = () =>
    save.mutate(
      { locationId, name: name.trim(), entries },
      { onSuccess: (template) => (setChosen(template.id), setName('')) },
    );
  const onFill = () => fill.mutate({ templateId, ...span });

  return (
    <Stack gap="xs" data-templates>
      <Group gap="xs" align="end" wrap="wrap">
        <TextInput label="Template name" value={name} onChange={(e) => (setName(e.currentTarget.value), save.reset())} maxLength={100} />
        <Button onClick={onSave} disabled={!name.trim() || entries.length === 0} loading={save.isPending}>
          Save this week as a template
        </Button>
        {entries.length === 0 && (
          <Text size="sm" c="dimmed">
            No scheduled shift this week to save.
          </Text>
        )}
      </Group>
      {save.error && (
        <Alert color="red" title="Template not saved" role="alert">
          {refusal(save.error)}
        </Alert>
      )}
      {save.data && (
        <Text size="sm" role="status">
          Saved “{save.data.name}”: {save.data.entries.length} shift{save.data.entries.length === 1 ? '' : 's'} a week.
        </Text>
      )}
      {templates.isLoading ? (
        <Loader size="sm" aria-label="Loading the saved templates" />
      ) : templates.error ? (
        <Alert color="red" title="The saved templates could not be read" role="alert">
          {describeError(templates.error)}
        </Alert>
      ) : saved.length === 0 ? (
        <Text size="sm" c="dimmed">
          No template saved at this location yet: schedule a good week, then save it here.
        </Text>
      ) : (
        <Group gap="xs" align="end" wrap="wrap">
          <NativeSelect
            label="Template"
            value={templateId}
            onChange={(e) => (setChosen(e.currentTarget.value), fill.reset())}
            data={saved.map((t) => ({ value: t.id, label: `${t.name} (${t.entries.length} shift${t.entries.length === 1 ? '' : 's'} a week)` }))}
          />
          <NumberInput
            label="Weeks"
            value={weeks}
            onChange={(v) => (setWeeks(typeof v === 'number' ? v : 1), fill.reset())}
            min={1}
            max={MAX_FILL_WEEKS}
            clampBehavior="strict"
            allowDecimal={false}
            w={90}
          />
          <Button onClick={onFill} loading={fill.isPending} disabled={!templateId}>
            Fill {covered} from this template
          </Button>
        </Group>
      )}
      {fill.error && (
        // All or none: nothing was created, and the server names the shift in the way.
        <Alert color="red" title="No shift created" role="alert">
          {refusal(fill.error)}
        </Alert>
      )}
      {fill.data && (
        <Text size="sm" role="status">
          {fill.data.length} shift{fill.data.length === 1 ? '' : 's'} created for {covered}.
        </Text>
      )}
    </Stack>
  );
}

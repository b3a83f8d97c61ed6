import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { dayLabel } from '../schedule/time';
import { useFillFromTemplate, useSaveTemplate } from './queries';
import { refusal } from './refusal';
import { templateEntries, type RosterTemplate } from './shifts';
import type { Shift } from './week';

type Props = { locationId: string; timeZone: string; days: string[]; shifts: Shift[] };

/**
 * Save the shown week's scheduled shifts as a weekly template, or fill the shown week from one, all or none.
 * The gateway has no route listing templates, so the ones saved here are kept for this visit to the screen only.
 */
export function RosterTemplates({ locationId, timeZone, days, shifts }: Props) {
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<RosterTemplate[]>([]);
  const [chosen, setChosen] = useState('');
  const save = useSaveTemplate();
  const fill = useFillFromTemplate();
  const entries = templateEntries(shifts, days, timeZone);
  const templateId = saved.some((t) => t.id === chosen) ? chosen : (saved[0]?.id ?? '');
  const week = `${dayLabel(days[0])} – ${dayLabel(days[6])}`;

  const onSave = () =>
    save.mutate(
      { locationId, name: name.trim(), entries },
      {
        onSuccess: (template) => {
          setSaved((all) => [template, ...all]);
          setChosen(template.id);
          setName('');
        },
      },
    );
  const onFill = () => fill.mutate({ templateId, firstDay: days[0], lastDay: days[6] });

  return (
    <Stack gap="xs" data-templates>
      <Text size="sm" c="dimmed">
        Templates saved here are listed for this visit only: there is no list of saved templates to read back yet.
      </Text>
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
      {saved.length > 0 && (
        <Group gap="xs" align="end" wrap="wrap">
          <NativeSelect
            label="Template"
            value={templateId}
            onChange={(e) => (setChosen(e.currentTarget.value), fill.reset())}
            data={saved.map((t) => ({ value: t.id, label: `${t.name} (${t.entries.length} shifts)` }))}
          />
          <Button onClick={onFill} loading={fill.isPending} disabled={!templateId}>
            Fill {week} from this template
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
          {fill.data.length} shift{fill.data.length === 1 ? '' : 's'} created for {week}.
        </Text>
      )}
    </Stack>
  );
}

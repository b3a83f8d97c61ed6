import { Checkbox, Group, NativeSelect, NumberInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { COUNT, EVERY, NO_REPEAT, type Repeat } from './series';
import { addDays } from './time';

type Props = { repeat: Repeat | null; onChange: (repeat: Repeat | null) => void; firstDay: string; problem: string | null };

/** The booking dialog's optional "Repeat": every N days or weeks, for a count or until a date. */
export function RepeatFields({ repeat, onChange, firstDay, problem }: Props) {
  const set = (change: Partial<Repeat>) => repeat && onChange({ ...repeat, ...change });
  return (
    <Stack gap="xs">
      {/* Off by default: the fields below appear only for a series, so a single booking stays as short as before. */}
      <Checkbox
        label="Repeat"
        description="Book a series at the same time"
        checked={!!repeat}
        onChange={(e) => onChange(e.currentTarget.checked ? NO_REPEAT : null)}
      />
      {repeat && (
        <Stack gap="xs" pl="lg" data-repeat>
          <Group gap="xs" align="end">
            <NumberInput
              label="Every"
              min={EVERY.min}
              max={EVERY.max}
              allowDecimal={false}
              value={repeat.every}
              onChange={(every) => set({ every })}
              w={90}
            />
            <NativeSelect
              label="Days or weeks"
              value={repeat.unit}
              onChange={(e) => set({ unit: e.currentTarget.value as Repeat['unit'] })}
              data={[
                { value: 'week', label: 'weeks' },
                { value: 'day', label: 'days' },
              ]}
            />
          </Group>
          <Radio.Group label="Ends" value={repeat.ends} onChange={(ends) => set({ ends: ends as Repeat['ends'] })}>
            <Group gap="md" mt={4}>
              <Radio value="count" label="After a number of appointments" />
              <Radio value="until" label="On a date" />
            </Group>
          </Radio.Group>
          {repeat.ends === 'count' ? (
            <NumberInput
              label="Appointments in all"
              min={COUNT.min}
              max={COUNT.max}
              allowDecimal={false}
              value={repeat.count}
              onChange={(count) => set({ count })}
              w={160}
            />
          ) : (
            <TextInput
              label="Last day"
              type="date"
              min={addDays(firstDay, 1)}
              value={repeat.until}
              onChange={(e) => set({ until: e.currentTarget.value })}
              w={180}
            />
          )}
          {/* red.9 keeps small text above 4.5:1 on white, where the theme's error red barely does. */}
          <Text size="sm" c="red.9" aria-live="polite">
            {problem}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

import { Badge, Checkbox, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { categoryLabel, dueLabel, groupByPriority, isOverdue, PRIORITY_COLORS, PRIORITY_LABELS, STATUS_LABELS, type Task } from './tasks';
import { useNow } from './useNow';

type Props = {
  tasks: Task[];
  openId: string | null;
  onOpen: (id: string) => void;
  selected: Set<string>;
  onSelect: (selected: Set<string>) => void;
  nameOf: (id: string | null) => string;
};

/** The tasks under one heading per priority, soonest due first; each opens on click and can be ticked for bulk work. */
export function TaskList({ tasks, openId, onOpen, selected, onSelect, nameOf }: Props) {
  const now = useNow();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  const allOn = tasks.length > 0 && tasks.every((t) => selected.has(t.id));
  return (
    <Stack gap="sm">
      <Checkbox
        label="Select all listed"
        checked={allOn}
        indeterminate={!allOn && selected.size > 0}
        onChange={(e) => onSelect(e.currentTarget.checked ? new Set(tasks.map((t) => t.id)) : new Set())}
      />
      {groupByPriority(tasks).map((group) => (
        <Stack key={group.priority} gap={6} component="section" aria-label={`${group.label} tasks`}>
          <Title order={3} size="h5">
            {group.label} · {group.tasks.length}
          </Title>
          {group.tasks.map((task) => {
            const late = isOverdue(task, now) || task.overdue;
            return (
              <Paper
                key={task.id}
                withBorder
                p="xs"
                data-task={task.id}
                data-overdue={late || undefined}
                bg={task.id === openId ? 'blue.0' : undefined}
                style={late ? { borderLeft: '4px solid var(--mantine-color-red-9)' } : undefined}
              >
                <Group wrap="nowrap" align="flex-start" gap="xs">
                  <Checkbox
                    mt={2}
                    aria-label={`Select ${task.title}`}
                    checked={selected.has(task.id)}
                    onChange={(e) => toggle(task.id, e.currentTarget.checked)}
                  />
                  <UnstyledButton
                    onClick={() => onOpen(task.id)}
                    aria-current={task.id === openId ? 'true' : undefined}
                    style={{ flex: 1, minWidth: 0 }}
                  >
                    <Text fw={600} size="sm" lineClamp={2}>
                      {task.title}
                    </Text>
                    <Group gap={4} mt={4}>
                      <Badge size="xs" color={PRIORITY_COLORS[task.priority]} autoContrast>
                        {PRIORITY_LABELS[task.priority]}
                      </Badge>
                      {late && (
                        <Badge size="xs" color="red.9">
                          Overdue
                        </Badge>
                      )}
                      {task.escalated && (
                        <Badge size="xs" color="grape.9">
                          Escalated
                        </Badge>
                      )}
                      <Badge size="xs" variant="outline" color="gray.7">
                        {STATUS_LABELS[task.status]}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed" mt={2}>
                      {categoryLabel(task.category)} · {dueLabel(task, now)} · {task.owner ? `owner ${nameOf(task.owner)}` : 'unclaimed'}
                    </Text>
                  </UnstyledButton>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      ))}
    </Stack>
  );
}

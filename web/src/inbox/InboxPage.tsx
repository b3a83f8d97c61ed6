import { Badge, Grid, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useMembers } from '../schedule/queries';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { isManager, type Me } from './actions';
import { BulkBar } from './BulkBar';
import { keepListed, listQuery, NO_FILTERS, PAGE, tabsFor, type Filters, type Tab } from './filters';
import { namer } from './people';
import { useTasks } from './queries';
import { TaskDetailPanel } from './TaskDetail';
import { TaskList } from './TaskList';
import { categoryLabel, categoryOptions, PRIORITIES, PRIORITY_LABELS, type Priority } from './tasks';

const EMPTY: Record<Tab, string> = {
  mine: 'Nothing is yours here yet.',
  queue: 'The queue is empty.',
  overdue: 'Nothing is overdue.',
  all: 'No open task at this location.',
};

/** The signed-in user's tasks at the selected location: theirs, their role's pool, what is late; one open beside. */
export function InboxPage() {
  const { claims } = useAuth();
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const me: Me = useMemo(() => ({ sub: claims?.sub ?? '', roles: claims?.roles ?? [] }), [claims]);
  const manager = isManager(me);
  const [tab, setTab] = useState<Tab>('mine');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [openId, setOpenId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const tasks = useTasks(current ? listQuery(tab, filters, current.location_id) : null);
  // Staff names for owners and the assignee list: the staff list is a manager's read.
  const members = useMembers(manager ? current?.location_id : undefined);
  const nameOf = namer(me.sub, members.data);
  const listed = useMemo(() => tasks.data?.items ?? [], [tasks.data]);
  const categories = categoryOptions(listed.map((t) => t.category));

  useEffect(() => setSelected((s) => keepListed(s, listed)), [listed]);

  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  const timeZone = current.timezone || 'UTC';
  return (
    <Stack>
      <Title order={2}>Inbox · {current.name}</Title>
      <Tabs value={tab} onChange={(v) => v && (setTab(v as Tab), setSelected(new Set()))}>
        <Tabs.List aria-label="Task lists">
          {tabsFor(manager).map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
              {t.value === tab && tasks.data && (
                <Badge ml={6} size="sm" color="blue.8" aria-label={`${tasks.data.total} tasks`}>
                  {tasks.data.total}
                </Badge>
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group align="end" gap="sm">
        <Select
          label="Category"
          placeholder="Any category"
          clearable
          searchable
          data={categories.map((c) => ({ value: c, label: categoryLabel(c) }))}
          value={filters.category}
          onChange={(category) => setFilters({ ...filters, category })}
          w={220}
        />
        <Select
          label="Priority"
          placeholder="Any priority"
          clearable
          data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
          value={filters.priority}
          onChange={(priority) => setFilters({ ...filters, priority: priority as Priority | null })}
          w={160}
        />
      </Group>
      {selected.size > 0 && (
        <BulkBar
          selected={[...selected]}
          titleOf={(id) => listed.find((t) => t.id === id)?.title ?? id}
          me={me}
          locationId={current.location_id}
          onDone={(remaining) => setSelected(new Set(remaining))}
        />
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          {tasks.error ? (
            <Failed error={tasks.error} retry={() => void tasks.refetch()} />
          ) : tasks.isLoading ? (
            <Loading what="tasks" />
          ) : listed.length === 0 ? (
            <Empty>{EMPTY[tab]}</Empty>
          ) : (
            <>
              <TaskList tasks={listed} openId={openId} onOpen={setOpenId} selected={selected} onSelect={setSelected} nameOf={nameOf} />
              {tasks.data && tasks.data.total > PAGE && (
                <Text size="sm" c="dimmed">
                  The {PAGE} most pressing of {tasks.data.total} are shown; filter to see the rest.
                </Text>
              )}
            </>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {openId ? (
            <TaskDetailPanel taskId={openId} me={me} nameOf={nameOf} members={members.data ?? []} timeZone={timeZone} />
          ) : (
            <Empty>Open a task to see its details.</Empty>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

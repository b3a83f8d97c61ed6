import { Alert, Button, Group, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useWorklist, useAging } from '../billing/queries';
import { useNow } from '../inbox/useNow';
import { arrivals } from '../live/arrivals';
import { useDaySheets } from '../schedule/queries';
import { addDays, dayLabel, today } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { ComplianceAlerts, OpenWorkOrders, RoomsOut, StockAlerts } from './Attention';
import { tasksByRole, waitsOf } from './charts';
import { AgingChart, ClaimsChart, DenialsChart, StatusChart, TasksChart, TrendChart } from './Charts';
import { Headlines, headlinesOf } from './Headlines';
import { PartView } from './PartView';
import { useDashboard, useDenials, useTaskCounts } from './queries';
import { mapPart, partOf, partsOf, sectionOf, type SectionName } from './sections';

const TREND_DAYS = 7;
// A yellow alert's own yellow title is too faint on its background (axe: colour contrast).
const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };
const SECTION_LABELS: Record<SectionName, string> = {
  appointments: 'appointments',
  coverage: 'coverage',
  rooms: 'rooms',
  work_orders: 'work orders',
  low_stock: 'stock',
  claims: 'claims',
  compliance_alerts: 'compliance alerts',
};

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${id}-title`} data-panel={id}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={`${id}-title`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The office manager's day at one location: every service's numbers at once, each part in its own state. */
export function DashboardPage() {
  const { claims } = useAuth();
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const timeZone = current?.timezone ?? 'UTC';
  const localToday = today(timeZone);
  const [chosen, setChosen] = useState<string | null>(null);
  const day = chosen ?? localToday;
  const now = useNow();
  const locationId = current?.location_id;
  const trendDays = Array.from({ length: TREND_DAYS }, (_, i) => addDays(day, i - TREND_DAYS + 1));

  const dashboard = useDashboard(locationId, day);
  const sheets = useDaySheets(locationId, trendDays);
  const counts = useTaskCounts(!!locationId);
  const worklist = useWorklist(locationId, false);
  const aging = useAging(locationId);
  const denials = useDenials(locationId, addDays(day, -29), day);

  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;

  const section = <K extends SectionName>(name: K) => sectionOf(dashboard, name);
  const week = partsOf(sheets);
  // Today's waits need today's sheet only: a missing earlier day does not hide them.
  const waits = mapPart(partOf(sheets[TREND_DAYS - 1]), (sheet) => waitsOf(sheet, now, (id) => arrivals.get(id)));
  const tasks = mapPart(partOf(counts), (rows) => tasksByRole(rows, current.location_id));
  const seesCompliance = (claims?.roles ?? []).some((r) => r === 'practice_admin' || r === 'compliance_officer');
  // Compliance answers only its officers and admins: for anyone else its refusal is no news.
  const shown = (Object.keys(SECTION_LABELS) as SectionName[]).filter((n) => seesCompliance || n !== 'compliance_alerts');
  const missing = dashboard.data ? shown.filter((n) => dashboard.data[n].available === false) : [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>
          Dashboard · {current.name} · {dayLabel(day)}
        </Title>
        <Group gap="xs" role="group" aria-label="Day shown">
          <Button variant="default" size="xs" onClick={() => setChosen(addDays(day, -1))}>
            ‹ Previous day
          </Button>
          <Button variant="default" size="xs" onClick={() => setChosen(null)} disabled={day === localToday}>
            Today
          </Button>
          <Button variant="default" size="xs" onClick={() => setChosen(addDays(day, 1))}>
            Next day ›
          </Button>
        </Group>
      </Group>
      {dashboard.error ? <Failed error={dashboard.error} retry={() => void dashboard.refetch()} /> : null}
      {missing.length > 0 && (
        <Alert color="yellow" title="Part of the day could not be gathered" role="status" data-partial styles={READABLE_TITLE}>
          Unavailable: {missing.map((n) => SECTION_LABELS[n]).join(', ')}. Those parts are marked below; the rest is current.
        </Alert>
      )}
      <Headlines items={headlinesOf(section, waits, tasks)} />
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        <Panel id="appointments" title="Appointments by status">
          <PartView part={section('appointments')} what="appointments">
            {(a) => <StatusChart byStatus={a.by_status} />}
          </PartView>
        </Panel>
        <Panel id="trend" title={`Visits, last ${TREND_DAYS} days`}>
          <PartView part={week} what="the week's visits">
            {(data) => <TrendChart days={trendDays} sheets={data} />}
          </PartView>
        </Panel>
        <Panel id="tasks" title="Open tasks by role">
          <PartView part={tasks} what="task counts">
            {(t) => <TasksChart rows={t.rows} />}
          </PartView>
        </Panel>
        <Panel id="claims" title="Claims by state">
          <PartView part={partOf(worklist)} what="claims">
            {(rows) => <ClaimsChart claims={rows} />}
          </PartView>
        </Panel>
        <Panel id="denials" title="Denials, last 30 days">
          <PartView part={partOf(denials)} what="denials">
            {(report) => <DenialsChart report={report} />}
          </PartView>
        </Panel>
        <Panel id="aging" title="Accounts receivable by age">
          <PartView part={partOf(aging)} what="accounts receivable">
            {(report) => <AgingChart report={report} />}
          </PartView>
        </Panel>
        <Panel id="stock" title="Stock alerts">
          <PartView part={section('low_stock')} what="stock">
            {(s) => <StockAlerts low={s.low} />}
          </PartView>
        </Panel>
        <Panel id="rooms" title="Rooms out of service">
          <PartView part={section('rooms')} what="rooms">
            {(r) => <RoomsOut rooms={r.out_of_service} />}
          </PartView>
        </Panel>
        <Panel id="work-orders" title="Open work orders">
          <PartView part={section('work_orders')} what="work orders">
            {(w) => <OpenWorkOrders orders={w.open} />}
          </PartView>
        </Panel>
        {seesCompliance && (
          <Panel id="compliance" title="Compliance alerts">
            <PartView part={section('compliance_alerts')} what="compliance alerts">
              {(c) => <ComplianceAlerts alerts={c.open} />}
            </PartView>
          </Panel>
        )}
      </SimpleGrid>
    </Stack>
  );
}

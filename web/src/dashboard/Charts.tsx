import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { money } from '../billing/money';
import { Empty } from '../screens/states';
import { agingTotals, claimsByState, denialBars, statusBars, visitTrend, type ClaimRow, type DaySheet, type DenialReport, type RoleTasks } from './charts';
import type { AgingReport } from '../billing/reports';

const asMoney = (value: number) => money(Math.round(value * 100));
const H = 200;
// Recharts sorts legend items by name; the series' own order reads better.
const UNSORTED = { itemSorter: null };

export function StatusChart({ byStatus }: { byStatus: Record<string, number> }) {
  const bars = statusBars(byStatus);
  if (!bars.length) return <Empty>No appointments booked for this day.</Empty>;
  return (
    <div role="figure" aria-label={`Appointments by status: ${bars.map((b) => `${b.status} ${b.count}`).join(', ')}`}>
      <BarChart h={H} data={bars} dataKey="status" series={[{ name: 'count', label: 'Appointments', color: 'blue.8' }]} yAxisProps={{ allowDecimals: false }} />
    </div>
  );
}

export function TrendChart({ days, sheets }: { days: string[]; sheets: (DaySheet | null)[] }) {
  const points = visitTrend(days, sheets);
  const missing = points.filter((p) => p.visits === null).length;
  return (
    <>
      <div role="figure" aria-label={`Visits per day: ${points.map((p) => `${p.day} ${p.visits ?? 'unavailable'}`).join(', ')}`}>
        <LineChart
          h={H}
          data={points}
          dataKey="day"
          withLegend
          legendProps={UNSORTED}
          curveType="linear"
          connectNulls={false}
          series={[
            { name: 'visits', label: 'Booked', color: 'blue.8' },
            { name: 'seen', label: 'Seen', color: 'teal.8' },
            { name: 'noShows', label: 'No-shows', color: 'red.8' },
          ]}
          yAxisProps={{ allowDecimals: false }}
        />
      </div>
      {missing > 0 && (
        <Text size="xs" c="dimmed">
          {missing} day{missing === 1 ? '' : 's'} could not be read (scheduling did not answer): the line breaks there.
        </Text>
      )}
    </>
  );
}

export function ClaimsChart({ claims }: { claims: ClaimRow[] }) {
  const bars = claimsByState(claims);
  if (!bars.length) return <Empty>No claims at this location yet.</Empty>;
  return (
    <div role="figure" aria-label={`Claims by state: ${bars.map((b) => `${b.state} ${b.claims}`).join(', ')}`}>
      <BarChart h={H} data={bars} dataKey="state" series={[{ name: 'claims', label: 'Claims', color: 'grape.8' }]} yAxisProps={{ allowDecimals: false }} />
    </div>
  );
}

export function DenialsChart({ report }: { report: DenialReport }) {
  const bars = denialBars(report);
  if (!bars.length) return <Empty>No denials in the last 30 days.</Empty>;
  return (
    <div role="figure" aria-label={`Denials by reason: ${bars.map((b) => `${b.carc} ${b.denials}`).join(', ')}`}>
      <BarChart h={H} data={bars} dataKey="carc" series={[{ name: 'denials', label: 'Denials', color: 'red.8' }]} yAxisProps={{ allowDecimals: false }} />
    </div>
  );
}

export function AgingChart({ report }: { report: AgingReport }) {
  const { bars, totalCents } = agingTotals(report);
  if (!totalCents) return <Empty>Nothing is owed at this location.</Empty>;
  return (
    <div role="figure" aria-label={`Accounts receivable by age: ${money(totalCents)} owed`}>
      <Text size="sm">{money(totalCents)} owed</Text>
      <BarChart h={H} data={bars} dataKey="bucket" valueFormatter={asMoney} series={[{ name: 'owed', label: 'Owed', color: 'orange.8' }]} />
    </div>
  );
}

export function TasksChart({ rows }: { rows: RoleTasks[] }) {
  if (!rows.length) return <Empty>No open tasks at this location.</Empty>;
  return (
    <div role="figure" aria-label={`Open tasks by role: ${rows.map((r) => `${r.pool} ${r.open} open, ${r.overdue} overdue`).join('; ')}`}>
      <BarChart
        h={H}
        data={rows}
        dataKey="pool"
        withLegend
        legendProps={UNSORTED}
        yAxisProps={{ allowDecimals: false }}
        series={[
          { name: 'open', label: 'Open', color: 'blue.8' },
          { name: 'overdue', label: 'Overdue', color: 'red.8' },
        ]}
      />
    </div>
  );
}

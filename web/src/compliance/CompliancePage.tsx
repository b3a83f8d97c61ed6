import { Stack, Title } from '@mantine/core';
import { today as todayAt } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { AccountingPanel } from './AccountingPanel';
import { AlertsPanel } from './AlertsPanel';
import { IncidentsPanel } from './IncidentsPanel';
import { OshaPanel } from './OshaPanel';
import { PoliciesPanel } from './PoliciesPanel';
import { ReviewsPanel } from './ReviewsPanel';

/** The compliance officer's desk at one location: alerts, breaches against their deadline, who read a record,
 * policies, the OSHA log and access reviews. */
export function CompliancePage() {
  const { current, isLoading: locating, error: unlocated } = useLocations();
  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  // Deadlines are days at the location: its date, not the browser's.
  const today = todayAt(current.timezone);
  const id = current.location_id;
  return (
    <Stack gap="xl">
      <Title order={2}>Compliance · {current.name}</Title>
      <AlertsPanel key={`alerts-${id}`} locationId={id} />
      <IncidentsPanel key={`incidents-${id}`} locationId={id} today={today} />
      <AccountingPanel today={today} />
      <PoliciesPanel key={`policies-${id}`} locationId={id} today={today} />
      <OshaPanel key={`osha-${id}`} locationId={id} today={today} />
      <ReviewsPanel key={`reviews-${id}`} locationId={id} today={today} />
    </Stack>
  );
}

import { Stack, Title } from '@mantine/core';
import { today as todayAt } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { EquipmentPanel } from './EquipmentPanel';
import { StockPanel } from './StockPanel';
import { WorkOrderBoard } from './WorkOrderBoard';

/** The facilities coordinator's view of one location: devices due for maintenance, repairs, and stock to refill. */
export function FacilitiesPage() {
  const { current, isLoading: locating, error: unlocated } = useLocations();
  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  const id = current.location_id;
  return (
    <Stack gap="xl">
      <Title order={2}>Facilities · {current.name}</Title>
      <WorkOrderBoard key={`board-${id}`} locationId={id} />
      <StockPanel key={`stock-${id}`} locationId={id} />
      <EquipmentPanel key={`equipment-${id}`} locationId={id} today={todayAt(current.timezone)} />
    </Stack>
  );
}

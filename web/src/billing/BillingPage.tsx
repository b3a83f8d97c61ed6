import { Stack, Title } from '@mantine/core';
import { useAuth } from '../auth/AuthContext';
import { today } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { BudgetTable } from './BudgetTable';
import { Exchange } from './Exchange';
import { Reports } from './Reports';
import { Worklist } from './Worklist';

/** The billing office at one location: the claims to work, the 837P out and the 835 in, what is owed and spent. */
export function BillingPage() {
  const { claims } = useAuth();
  const { current, isLoading: locating, error: unlocated } = useLocations();
  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  const day = today(current.timezone);
  return (
    <Stack gap="xl">
      <Title order={2}>Billing · {current.name}</Title>
      <Worklist locationId={current.location_id} roles={claims?.roles ?? []} />
      <Exchange locationId={current.location_id} />
      <Reports locationId={current.location_id} today={day} />
      <BudgetTable locationId={current.location_id} today={day} />
    </Stack>
  );
}

import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiFailure, must } from '../api/client';
import { Empty } from '../screens/states';
import { overdueCampaignIds } from './alerts';
import { Problem } from './Problem';
import { useCampaigns, useOpenAlerts } from './queries';
import { campaignState, mergeIds, rememberCampaign, rememberedCampaigns, type Campaign } from './reviews';

const STATE_COLOURS = { complete: 'green', overdue: 'red', 'in progress': 'blue' } as const;

/** Access review campaigns: start one, open one by id; the ones overdue alerts name and this browser started show. */
export function ReviewsPanel({ locationId, today }: { locationId: string; today: string }) {
  const alerts = useOpenAlerts(locationId);
  const [known, setKnown] = useState(() => rememberedCampaigns(localStorage, locationId));
  const ids = mergeIds(overdueCampaignIds(alerts.data ?? []), known);
  const campaigns = useCampaigns(ids);
  const remember = (id: string) => {
    rememberCampaign(localStorage, locationId, id);
    setKnown(rememberedCampaigns(localStorage, locationId));
  };
  const [name, setName] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [openId, setOpenId] = useState('');
  const queries = useQueryClient();
  const start = useMutation({
    mutationFn: async () =>
      must(
        await api.POST('/api/v1/compliance/access-reviews', {
          body: { name: name.trim(), location_id: locationId, due_on: dueOn },
        }),
      ),
    onSuccess: (campaign) => {
      queries.setQueryData(['compliance', 'campaign', campaign.id], campaign);
      remember(campaign.id);
      setName('');
    },
  });
  return (
    <Stack component="section" aria-labelledby="reviews-title" gap="sm" data-reviews>
      <Title order={3} id="reviews-title">
        Access reviews
      </Title>
      <Group align="end" wrap="wrap">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            start.mutate();
          }}
        >
          <Group align="end">
            <TextInput label="Campaign name" value={name} onChange={(e) => setName(e.currentTarget.value)} w={240} />
            <TextInput label="Due on" type="date" min={today} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
            <Button type="submit" disabled={!name.trim() || !dueOn} loading={start.isPending}>
              Start a review
            </Button>
          </Group>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (openId.trim()) remember(openId.trim());
            setOpenId('');
          }}
        >
          <Group align="end">
            <TextInput label="Campaign id" value={openId} onChange={(e) => setOpenId(e.currentTarget.value)} w={300} />
            <Button type="submit" variant="light" disabled={!openId.trim()}>
              Open
            </Button>
          </Group>
        </form>
      </Group>
      <Problem error={start.error} title="Not started" />
      {ids.length === 0 ? (
        <Empty>No campaign to show: start one, or open one by its id.</Empty>
      ) : (
        campaigns.map((q, i) =>
          q.data ? (
            <CampaignCard key={ids[i]} campaign={q.data} today={today} />
          ) : q.error ? (
            <Text key={ids[i]} size="sm" c="red.8" role="alert">
              Campaign {ids[i]}: {q.error instanceof ApiFailure && q.error.status === 404 ? 'not found' : q.error.message}
            </Text>
          ) : (
            <Text key={ids[i]} size="sm" c="dimmed">
              Loading campaign {ids[i]}…
            </Text>
          ),
        )
      )}
    </Stack>
  );
}

function CampaignCard({ campaign, today }: { campaign: Campaign; today: string }) {
  const state = campaignState(campaign, today);
  const queries = useQueryClient();
  const [revoking, setRevoking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const done = () => {
    setRevoking(null);
    setReason('');
    return queries.invalidateQueries({ queryKey: ['compliance'] });
  };
  const path = (itemId: string) => ({ params: { path: { campaign_id: campaign.id, item_id: itemId } } });
  const confirm = useMutation({
    mutationFn: async (itemId: string) =>
      must(await api.POST('/api/v1/compliance/access-reviews/{campaign_id}/items/{item_id}/confirm', path(itemId))),
    onSuccess: done,
  });
  const revoke = useMutation({
    mutationFn: async (itemId: string) =>
      must(
        await api.POST('/api/v1/compliance/access-reviews/{campaign_id}/items/{item_id}/revoke', {
          ...path(itemId),
          body: { reason: reason.trim(), revoke_role: true, location_ids: [] },
        }),
      ),
    onSuccess: done,
  });
  return (
    <Card withBorder padding="sm" data-campaign={campaign.id}>
      <Group justify="space-between">
        <div>
          <Text fw={600}>{campaign.name}</Text>
          <Text size="xs" c="dimmed">
            Due {campaign.due_on} · {state.confirmed} confirmed, {state.revoked} revoked, {state.pending} pending · id {campaign.id}
          </Text>
        </div>
        <Badge color={STATE_COLOURS[state.state]} variant="light">
          {state.state}
        </Badge>
      </Group>
      <Problem error={confirm.error ?? revoke.error} />
      {(campaign.items ?? []).length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          Nobody to review at this location.
        </Text>
      ) : (
        <Table verticalSpacing={2} mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Staff member</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Locations</Table.Th>
              <Table.Th scope="col">Decision</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(campaign.items ?? []).map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td ff="monospace">{item.staff_id}</Table.Td>
                <Table.Td>{item.role ?? '—'}</Table.Td>
                <Table.Td>{item.location_ids.join(', ')}</Table.Td>
                <Table.Td>{item.decision === 'revoked' && item.reason ? `revoked: ${item.reason}` : item.decision}</Table.Td>
                <Table.Td>
                  {item.decision !== 'pending' ? null : revoking === item.id ? (
                    <Group gap={4} align="end">
                      <TextInput size="xs" label="Why revoke" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                      <Button size="compact-xs" color="red" disabled={!reason.trim()} loading={revoke.isPending} onClick={() => revoke.mutate(item.id)}>
                        Revoke the role
                      </Button>
                      <Button size="compact-xs" variant="default" onClick={() => setRevoking(null)}>
                        Cancel
                      </Button>
                    </Group>
                  ) : (
                    <Group gap={4}>
                      <Button size="compact-xs" variant="light" loading={confirm.isPending && confirm.variables === item.id} onClick={() => confirm.mutate(item.id)}>
                        Confirm
                      </Button>
                      <Button size="compact-xs" variant="default" onClick={() => setRevoking(item.id)}>
                        Revoke…
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

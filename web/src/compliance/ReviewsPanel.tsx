import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { Problem } from './Problem';
import { useCampaign, useCampaignList } from './queries';
import { byUrgency, campaignState, reviewState, type Campaign } from './reviews';

const STATE_COLOURS = { complete: 'green', overdue: 'red', 'in progress': 'blue' } as const;

/** A location's access review campaigns, overdue first: start one, open one to confirm or revoke its items. */
export function ReviewsPanel({ locationId, today }: { locationId: string; today: string }) {
  const list = useCampaignList(locationId);
  const [openId, setOpenId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [dueOn, setDueOn] = useState('');
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
      void queries.invalidateQueries({ queryKey: ['compliance', 'campaigns', locationId] });
      setOpenId(campaign.id);
      setName('');
    },
  });
  const campaigns = byUrgency(list.data ?? [], today);
  return (
    <Stack component="section" aria-labelledby="reviews-title" gap="sm" data-reviews>
      <Title order={3} id="reviews-title">
        Access reviews
      </Title>
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
      <Problem error={start.error} title="Not started" />
      {list.error ? (
        <Failed error={list.error} retry={() => void list.refetch()} />
      ) : list.isLoading ? (
        <Loading what="access reviews" />
      ) : campaigns.length === 0 ? (
        <Empty>No access review at this location yet: start one above.</Empty>
      ) : (
        <Table verticalSpacing={4} withTableBorder data-campaigns>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Campaign</Table.Th>
              <Table.Th scope="col">Due</Table.Th>
              <Table.Th scope="col" ta="right">
                Undecided
              </Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Open</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.map((c) => {
              const state = reviewState(c.pending, c.due_on, today);
              return (
                <Table.Tr key={c.id} data-campaign-row={c.id}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{c.due_on}</Table.Td>
                  <Table.Td ta="right">
                    {c.pending} of {c.items}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLOURS[state]} variant="light">
                      {state}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant={openId === c.id ? 'filled' : 'light'}
                      aria-expanded={openId === c.id}
                      aria-label={`${openId === c.id ? 'Close' : 'Open'} ${c.name}`}
                      onClick={() => setOpenId(openId === c.id ? null : c.id)}
                    >
                      {openId === c.id ? 'Close' : 'Open'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {openId && <OpenCampaign campaignId={openId} today={today} />}
    </Stack>
  );
}

function OpenCampaign({ campaignId, today }: { campaignId: string; today: string }) {
  const campaign = useCampaign(campaignId);
  if (campaign.error) return <Failed error={campaign.error} retry={() => void campaign.refetch()} />;
  if (!campaign.data) return <Loading what="the campaign" />;
  return <CampaignCard campaign={campaign.data} today={today} />;
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

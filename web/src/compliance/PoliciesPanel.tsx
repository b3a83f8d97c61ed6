import { Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, must } from '../api/client';
import { Empty, Failed, Loading } from '../screens/states';
import { attestationProgress, currentVersion } from './policies';
import { Problem } from './Problem';
import { useAttestationStatus, usePolicies } from './queries';

/** Each policy's version in force, who at the location attested and who has not; attest for yourself here. */
export function PoliciesPanel({ locationId, today }: { locationId: string; today: string }) {
  const policies = usePolicies();
  const current = (policies.data ?? []).map((p) => ({ policy: p, version: currentVersion(p, today) }));
  const versionIds = current.flatMap((c) => (c.version ? [c.version.id] : []));
  const statuses = useAttestationStatus(versionIds, locationId);
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['compliance', 'attestations'] });
  // The signed-in user's own attestation: the service refuses a sign-in not linked to a staff member, and says so.
  const attestSelf = useMutation({
    mutationFn: async (versionId: string) =>
      must(
        await api.POST('/api/v1/compliance/policy-versions/{version_id}/attest', { params: { path: { version_id: versionId } } }),
      ),
    onSuccess: refresh,
  });
  // On a member's behalf (signed on paper), from the pending list.
  const record = useMutation({
    mutationFn: async ({ versionId, staffId }: { versionId: string; staffId: string }) =>
      must(
        await api.POST('/api/v1/compliance/policy-versions/{version_id}/attestations', {
          params: { path: { version_id: versionId } },
          body: { staff_id: staffId, attested_on: today },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <Stack component="section" aria-labelledby="policies-title" gap="sm" data-policies>
      <Title order={3} id="policies-title">
        Policies and attestations
      </Title>
      <Problem error={attestSelf.error ?? record.error} title="Not attested" />
      {attestSelf.isSuccess && (
        <Text size="sm" c="green.9" role="status">
          Your attestation is recorded.
        </Text>
      )}
      {policies.error ? (
        <Failed error={policies.error} retry={() => void policies.refetch()} />
      ) : policies.isLoading ? (
        <Loading what="policies" />
      ) : current.length === 0 ? (
        <Empty>No policy is published yet.</Empty>
      ) : (
        <Table withTableBorder verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Policy</Table.Th>
              <Table.Th scope="col">Version in force</Table.Th>
              <Table.Th scope="col">Attested here</Table.Th>
              <Table.Th scope="col">Still to attest</Table.Th>
              <Table.Th scope="col">Yours</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.map(({ policy, version }) => {
              const status = version ? statuses[versionIds.indexOf(version.id)] : undefined;
              const progress = status?.data ? attestationProgress(status.data) : null;
              return (
                <Table.Tr key={policy.id} data-policy={policy.code}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {policy.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {policy.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {version ? (
                      <>
                        v{version.version} from {version.effective_on}
                        {version.effective_on > today && (
                          <Badge ml={4} variant="light" color="yellow">
                            not yet in force
                          </Badge>
                        )}
                      </>
                    ) : (
                      'No version published'
                    )}
                  </Table.Td>
                  <Table.Td miw={160}>
                    {status?.error ? (
                      <Text size="sm" c="red.8">
                        Could not be read
                      </Text>
                    ) : progress ? (
                      <Stack gap={2}>
                        <Text size="sm">{progress.label}</Text>
                        <Progress value={progress.percent} aria-label={`${policy.title}: ${progress.label}`} size="sm" />
                      </Stack>
                    ) : version ? (
                      <Text size="sm" c="dimmed">
                        …
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {status?.data?.pending.slice(0, 8).map((m) => (
                        <Button
                          key={m.staff_id}
                          size="compact-xs"
                          variant="default"
                          title="Record their attestation signed on paper today"
                          loading={record.isPending && record.variables?.staffId === m.staff_id}
                          onClick={() => version && record.mutate({ versionId: version.id, staffId: m.staff_id })}
                        >
                          {m.name}: record
                        </Button>
                      ))}
                      {(status?.data?.pending.length ?? 0) > 8 && <Text size="xs">and {status!.data!.pending.length - 8} more</Text>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {version && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        loading={attestSelf.isPending && attestSelf.variables === version.id}
                        onClick={() => attestSelf.mutate(version.id)}
                      >
                        I attest to v{version.version}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

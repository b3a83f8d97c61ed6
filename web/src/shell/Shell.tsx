import { AppShell, Badge, Burger, Button, Group, NavLink, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useLive } from '../live/useLive';
import { useLocations } from './LocationContext';
import { ROLE_LABELS, screensFor } from './nav';

export function Shell() {
  const { claims, signOut } = useAuth();
  const { locations, current, choose } = useLocations();
  const [opened, { toggle }] = useDisclosure();
  const here = useLocation().pathname;
  const roles = claims?.roles ?? [];
  useLive();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={1} size="h4">
              clinicops
            </Title>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {locations.length > 1 ? (
              <Select
                aria-label="Location"
                data={locations.map((l) => ({ value: l.location_id, label: l.name }))}
                value={current?.location_id ?? null}
                onChange={(v) => v && choose(v)}
                allowDeselect={false}
                w={220}
              />
            ) : (
              current && <Text size="sm">{current.name}</Text>
            )}
            {roles.map((r) => (
              <Badge key={r} variant="light" visibleFrom="md">
                {ROLE_LABELS[r] ?? r}
              </Badge>
            ))}
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Screens">
        <Stack gap={2}>
          {screensFor(roles).map((s) => (
            <NavLink
              key={s.path}
              component={RouterLink}
              to={s.path}
              label={s.label}
              active={here.startsWith(s.path)}
              variant="filled" // the light variant's hover (#1864ab on #a5d8ff, 4.0:1) fails WCAG AA contrast
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

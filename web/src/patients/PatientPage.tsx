import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Patient } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { fullName } from '../schedule/patients';
import { STATUS_COLOURS, STATUS_LABELS } from '../schedule/layout';
import { clock, today, wallTime } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { patientSections } from './access';
import { PatientAccount } from './PatientAccount';
import { PatientForm } from './PatientForm';
import { MergeDuplicate } from './MergeDuplicate';
import { useAppointments, usePatient } from './queries';

/** One patient: her record and visits for the desk, her account for the back office (each as the role may see). */
export function PatientPage() {
  const { patientId = '' } = useParams();
  const { claims } = useAuth();
  const sections = patientSections(claims?.roles ?? []);
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const patient = usePatient(patientId, sections.demographics);
  const [editing, setEditing] = useState(false);
  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  const day = today(current.timezone);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={sections.search ? '/patients' : '/billing'} size="sm">
        ‹ {sections.search ? 'Back to the search' : 'Back to billing'}
      </Anchor>
      {sections.demographics ? (
        patient.error ? (
          <Failed error={patient.error} retry={() => void patient.refetch()} />
        ) : !patient.data ? (
          <Loading what="the patient" />
        ) : (
          <>
            <Group justify="space-between">
              <Title order={2}>{fullName(patient.data)}</Title>
              {sections.edit && (
                <Button variant="light" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
            </Group>
            <Demographics patient={patient.data} />
            <PatientForm
              opened={editing}
              onClose={() => setEditing(false)}
              onSaved={() => setEditing(false)}
              locationId={current.location_id}
              today={day}
              patient={patient.data}
            />
          </>
        )
      ) : (
        <Title order={2}>Patient {patientId.slice(0, 8)}</Title>
      )}
      {sections.appointments && <Appointments patientId={patientId} timeZone={current.timezone} />}
      {sections.merge && patient.data && <MergeDuplicate survivor={patient.data} />}
      <PatientAccount patientId={patientId} locationId={current.location_id} today={day} sections={sections} />
    </Stack>
  );
}

function Demographics({ patient }: { patient: Patient }) {
  const a = patient.address;
  const facts: [string, string][] = [
    ['Birth date', patient.birth_date],
    ['Sex', patient.sex],
    ['Phone', patient.phone ?? '—'],
    ['Email', patient.email ?? '—'],
    ['Address', a ? [a.line1, a.line2, `${a.city}, ${a.state} ${a.postal_code}`].filter(Boolean).join(', ') : '—'],
    ['Location', patient.location_id],
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs" component="dl" data-demographics>
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Appointments({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const appointments = useAppointments(patientId, true);
  return (
    <Stack component="section" aria-labelledby="visits-title" gap="xs">
      <Title order={3} id="visits-title">
        Appointments
      </Title>
      {appointments.error ? (
        <Failed error={appointments.error} retry={() => void appointments.refetch()} />
      ) : !appointments.data ? (
        <Loading what="appointments" />
      ) : appointments.data.length === 0 ? (
        <Empty>No appointment yet.</Empty>
      ) : (
        <Table withTableBorder striped verticalSpacing={4} data-appointments>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col">Time</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Provider</Table.Th>
              <Table.Th scope="col">Visit</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appointments.data.map((a) => {
              const at = wallTime(a.start, timeZone);
              return (
                <Table.Tr key={a.id}>
                  <Table.Td>{at.day}</Table.Td>
                  <Table.Td>{clock(at.minutes)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOURS[a.status] ?? 'gray'} variant="light">
                      {STATUS_LABELS[a.status] ?? a.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{a.provider_id}</Table.Td>
                  <Table.Td>{(a.service_lines ?? []).map((l) => [l.cpt, ...(l.modifiers ?? [])].join('-')).join(', ')}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

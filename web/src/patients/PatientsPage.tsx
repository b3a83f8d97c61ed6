import { Alert, Anchor, Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { fullName } from '../schedule/patients';
import { today } from '../schedule/time';
import { Empty, Failed, Loading } from '../screens/states';
import { useLocations } from '../shell/LocationContext';
import { patientSections } from './access';
import { searchQuery } from './form';
import { PatientForm } from './PatientForm';
import { usePatientSearchBy } from './queries';

/** Find a patient by name or birth date, or register a new one at the selected location. */
export function PatientsPage() {
  const { claims } = useAuth();
  const sections = patientSections(claims?.roles ?? []);
  const { current, isLoading: locating, error: unlocated } = useLocations();
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [typed] = useDebouncedValue(name, 250);
  const query = searchQuery(typed, birthDate);
  const found = usePatientSearchBy(sections.search ? query : null);
  const [registering, setRegistering] = useState(false);
  const navigate = useNavigate();

  if (unlocated) return <Failed error={unlocated} />;
  if (!current) return locating ? <Loading what="your locations" /> : <Empty>No location is open to you yet.</Empty>;
  if (!sections.search)
    return (
      <Stack>
        <Title order={2}>Patients</Title>
        <Alert color="blue" title="Open a patient from a claim">
          Searching patients is the front desk's; from the billing worklist, a claim's patient opens her account here.
        </Alert>
      </Stack>
    );
  const patients = found.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Patients · {current.name}</Title>
        <Button onClick={() => setRegistering(true)}>Register a patient</Button>
      </Group>
      <Group align="end" component="form" role="search" aria-label="Find a patient" onSubmit={(e) => e.preventDefault()}>
        <TextInput
          label="Name"
          description="Family or given name, first letters"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={280}
        />
        <TextInput label="Birth date" type="date" value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} />
      </Group>
      {!query ? (
        <Empty>Type two letters of a name, or a birth date.</Empty>
      ) : found.error ? (
        <Failed error={found.error} retry={() => void found.refetch()} />
      ) : found.isLoading ? (
        <Loading what="patients" />
      ) : patients.length === 0 ? (
        <Empty>No patient matches. Check the spelling, or register her.</Empty>
      ) : (
        <Table striped withTableBorder data-patients>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Birth date</Table.Th>
              <Table.Th scope="col">Phone</Table.Th>
              <Table.Th scope="col">Location</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {patients.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/patients/${p.id}`}>
                    {fullName(p)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.birth_date}</Table.Td>
                <Table.Td>{p.phone ?? ''}</Table.Td>
                <Table.Td>{p.location_id}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PatientForm
        opened={registering}
        onClose={() => setRegistering(false)}
        onSaved={(p) => navigate(`/patients/${p.id}`)}
        locationId={current.location_id}
        today={today(current.timezone)}
      />
    </Stack>
  );
}

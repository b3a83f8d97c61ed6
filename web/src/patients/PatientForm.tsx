import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, describeError, must, type ApiFailure, type Patient } from '../api/client';
import { SEXES, draftOf, patchBody, registrationBody, type PatientDraft, type Sex } from './form';

type Props = {
  opened: boolean;
  onClose: () => void;
  onSaved: (patient: Patient) => void;
  locationId: string;
  today: string;
  patient?: Patient; // editing her; registering a new patient without
};

/** Register a patient at the location, or change some of a patient's demographics. */
export function PatientForm({ opened, onClose, onSaved, locationId, today, patient }: Props) {
  const [draft, setDraft] = useState<PatientDraft>(draftOf(patient));
  const [problems, setProblems] = useState<string[]>([]);
  const queries = useQueryClient();
  useEffect(() => {
    if (opened) {
      setDraft(draftOf(patient));
      setProblems([]);
    }
  }, [opened, patient]);
  const save = useMutation({
    mutationFn: async (): Promise<Patient> => {
      if (!patient) {
        const { body } = registrationBody(draft, locationId, today);
        return must(await api.POST('/api/v1/scheduling/patients', { body }));
      }
      const { body } = patchBody(patient, draft, today);
      if (!Object.keys(body).length) return patient;
      return must(
        await api.PATCH('/api/v1/scheduling/patients/{patient_id}', { params: { path: { patient_id: patient.id } }, body }),
      );
    },
    onSuccess: (saved) => {
      queries.setQueryData(['patient', saved.id], saved);
      void queries.invalidateQueries({ queryKey: ['patient-search'] });
      onSaved(saved);
    },
  });
  const field = (key: keyof PatientDraft) => ({
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: e.currentTarget.value }),
  });
  const submit = () => {
    const found = patient ? patchBody(patient, draft, today).problems : registrationBody(draft, locationId, today).problems;
    setProblems(found);
    if (!found.length) save.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={patient ? 'Edit the patient' : 'Register a patient'} size="lg">
      <Stack>
        <SimpleGrid cols={2}>
          <TextInput label="Family name" required {...field('family_name')} />
          <TextInput label="Given name" required {...field('given_name')} />
          <TextInput label="Birth date" type="date" required max={today} {...field('birth_date')} />
          <Select
            label="Sex"
            data={SEXES}
            value={draft.sex}
            onChange={(v) => v && setDraft({ ...draft, sex: v as Sex })}
            allowDeselect={false}
          />
          <TextInput label="Phone" type="tel" {...field('phone')} />
          <TextInput label="Email" type="email" {...field('email')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label="Street" {...field('line1')} />
          <TextInput label="Street, second line" {...field('line2')} />
          <TextInput label="City" {...field('city')} />
          <Group grow>
            <TextInput label="State" maxLength={2} {...field('state')} />
            <TextInput label="ZIP code" {...field('postal_code')} />
          </Group>
        </SimpleGrid>
        {[...problems, ...(save.error ? [describeError((save.error as ApiFailure).body ?? save.error)] : [])].map((p) => (
          <Alert key={p} color="red" role="alert">
            {p}
          </Alert>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button loading={save.isPending} onClick={submit}>
            {patient ? 'Save' : 'Register'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

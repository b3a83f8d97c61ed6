import { Loader, Select } from '@mantine/core';
import { useState } from 'react';
import type { Patient } from '../api/client';
import { fullName, usePatientSearch } from './patients';

type Props = {
  label?: string;
  value: string | null;
  /** The chosen id, and the record when it came from the search (a pinned patient has none). */
  onChange: (id: string | null, patient: Patient | null) => void;
  /** Offered first though no search found it: the patient a task already names. */
  pinned?: { id: string; label: string } | null;
  /** Never offered: the record a duplicate is merged into. */
  excludeId?: string;
  describe?: (p: Patient) => string;
  nothingFound?: string;
  clearable?: boolean;
};

const withBirthDate = (p: Patient) => `${fullName(p)} (${p.birth_date})`;

/** A patient found by the first letters of the family name (Mantine clears the typed text when the value is reset). */
export function PatientPicker({
  label = 'Patient',
  value,
  onChange,
  pinned = null,
  excludeId,
  describe = withBirthDate,
  nothingFound = 'No patient found',
  clearable = false,
}: Props) {
  const [search, setSearch] = useState('');
  const found = usePatientSearch(search);
  const offered = (found.data ?? []).filter((p) => p.id !== excludeId);
  const options = offered.map((p) => ({ value: p.id, label: describe(p) }));
  if (pinned && !options.some((o) => o.value === pinned.id)) options.unshift({ value: pinned.id, label: pinned.label });
  const typedTooLittle = search.trim().length < 2;
  return (
    <Select
      label={label}
      placeholder="Type two letters of the family name"
      searchable
      clearable={clearable}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      value={value}
      onChange={(id) => onChange(id, offered.find((p) => p.id === id) ?? null)}
      nothingFoundMessage={typedTooLittle ? 'Type two letters' : found.isFetching ? 'Searching…' : nothingFound}
      rightSection={found.isFetching ? <Loader size="xs" /> : undefined}
      // The service already matched the name; Mantine's own filter would hide a patient found by a former name.
      filter={({ options: all }) => all}
      maw={420}
    />
  );
}

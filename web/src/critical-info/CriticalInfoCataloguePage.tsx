import { useEffect, useRef, useState, type Ref } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { CriticalInfoFieldPartsFragment } from '../gql/graphql';
import { useSignedInColleague } from '../auth/AuthGate';
import { Loading } from '../accounts/components/Loading';
import { LIFECYCLE_STAGES } from '../accounts/lifecycle';
import { FieldForm, type FieldFormValues } from './components/FieldForm';
import { apiErrorMessage } from '../app/apiErrors';
import {
  createCriticalInfoFieldMutation, criticalInfoCatalogueQuery, restoreCriticalInfoFieldMutation, retireCriticalInfoFieldMutation, updateCriticalInfoFieldMutation,
} from './operations';
import { TYPE_LABELS } from './values';
import { ScrollTable } from '../app/ScrollTable';
import { BusyButton } from '../app/BusyButton';
import { plural } from '../touchpoints/format';

type Editing = { kind: 'new' } | { kind: 'edit'; field: CriticalInfoFieldPartsFragment } | null;

interface FieldRowProps {
  field: CriticalInfoFieldPartsFragment;
  onEdit: () => void;
  onToggle: () => void;
  busy: boolean;
  editRef: Ref<HTMLButtonElement>;
}

function FieldRow({ field, onEdit, onToggle, busy, editRef }: FieldRowProps) {
  return (
    <Table.Tr>
      <Table.Th scope="row">
        <Text fw={600} size="sm">
          {field.label}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {field.key}
        </Text>
      </Table.Th>
      <Table.Td>{TYPE_LABELS[field.type]}{field.options.length > 0 && <Text size="xs" c="dimmed">{field.options.join(', ')}</Text>}</Table.Td>
      <Table.Td>{field.requiredInStages.length ? field.requiredInStages.map((s) => LIFECYCLE_STAGES[s].label).join(', ') : 'Never'}</Table.Td>
      <Table.Td>{plural(field.stalenessDays, 'day')}</Table.Td>
      <Table.Td>{field.reliedOnBy.length ? field.reliedOnBy.map((d) => d.name).join(', ') : 'Every division'}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={field.retired ? 'gray' : 'green'} tt="none">
          {field.retired ? 'Retired' : 'In use'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button ref={editRef} size="xs" variant="light" onClick={onEdit} aria-label={`Edit ${field.label}`}>
            Edit
          </Button>
          <BusyButton size="xs" variant="default" busy={busy} onClick={onToggle} aria-label={`${field.retired ? 'Restore' : 'Retire'} ${field.label}`}>
            {field.retired ? 'Restore' : 'Retire'}
          </BusyButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Turns form values into the create or update input (key and type only on create). */
function toInput(values: FieldFormValues, field?: CriticalInfoFieldPartsFragment) {
  const common = {
    label: values.label, whyCritical: values.whyCritical, howItHelps: values.howItHelps, options: values.options, requiredInStages: values.requiredInStages,
    stalenessDays: values.stalenessDays, divisionIds: values.divisionIds, position: values.position,
  };
  return field ? { update: { id: field.id, ...common } } : { create: { key: values.key.trim(), type: values.type, ...common } };
}

/** `/admin/critical-info`: the catalogue of critical-info fields, managed by admins. */
export function CriticalInfoCataloguePage() {
  const me = useSignedInColleague();
  const { data, error } = useQuery(criticalInfoCatalogueQuery, { skip: me.role !== 'ADMIN' });
  const [editing, setEditing] = useState<Editing>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [create, created] = useMutation(createCriticalInfoFieldMutation, { refetchQueries: [criticalInfoCatalogueQuery] });
  const [update, updated] = useMutation(updateCriticalInfoFieldMutation);
  const [retire] = useMutation(retireCriticalInfoFieldMutation);
  const [restore] = useMutation(restoreCriticalInfoFieldMutation);
  // Closing the form (saved or cancelled) gives the focus back to what opened it: "New field" comes back,
  // the row's Edit button stayed; otherwise the focus fell to the page's body (found by exploratory testing).
  const newButton = useRef<HTMLButtonElement>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const closed = useRef<Editing>(null);
  useEffect(() => {
    if (editing || !closed.current) return;
    const opener = closed.current.kind === 'new' ? newButton.current : editButtons.current.get(closed.current.field.id);
    closed.current = null;
    opener?.focus();
  }, [editing]);
  const close = () => {
    closed.current = editing;
    setEditing(null);
  };

  if (me.role !== 'ADMIN') {
    return (
      <Stack gap="md">
        <title>Critical-info catalogue · OurCustomer</title>
        <Title order={1}>Critical-info catalogue</Title>
        <Text>Only admins manage the catalogue.</Text>
      </Stack>
    );
  }

  const save = async (values: FieldFormValues) => {
    setFormError(null);
    const field = editing?.kind === 'edit' ? editing.field : undefined;
    const input = toInput(values, field);
    try {
      if (input.update) await update({ variables: { input: input.update } });
      else await create({ variables: { input: input.create } });
      close();
    } catch (caught) {
      setFormError(apiErrorMessage(caught));
    }
  };

  const toggle = async (field: CriticalInfoFieldPartsFragment) => {
    setActionError(null);
    setBusyId(field.id);
    try {
      if (field.retired) await restore({ variables: { id: field.id } });
      else await retire({ variables: { id: field.id } });
    } catch (caught) {
      setActionError(apiErrorMessage(caught));
    } finally {
      setBusyId(null);
    }
  };

  const fields = [...(data?.criticalInfoFields ?? [])].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));

  return (
    <Stack gap="md">
      <title>Critical-info catalogue · OurCustomer</title>
      <Group justify="space-between">
        <Title order={1}>Critical-info catalogue</Title>
        {!editing && <Button ref={newButton} onClick={() => { setFormError(null); setEditing({ kind: 'new' }); }}>New field</Button>}
      </Group>
      <Text c="dimmed">
        The facts every division needs about every customer. Retired fields take no new values and keep their history.
      </Text>
      {error && !data && (
        <Alert color="red" variant="light" title="Could not load the catalogue">
          {error.message}
        </Alert>
      )}
      {actionError && (
        <Alert color="red" variant="light" title="Not changed" role="alert">
          {actionError}
        </Alert>
      )}
      {editing && data && (
        <FieldForm
          key={editing.kind === 'edit' ? editing.field.id : 'new'}
          field={editing.kind === 'edit' ? editing.field : undefined}
          divisions={data.divisions}
          saving={created.loading || updated.loading}
          error={formError}
          onSubmit={(values) => void save(values)}
          onCancel={close}
        />
      )}
      {!data && !error && <Loading label="Loading the catalogue…" />}
      {data && (
        <ScrollTable label="Table of critical-info fields" minWidth={900}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Field</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Required in</Table.Th>
                <Table.Th scope="col">Fresh for</Table.Th>
                <Table.Th scope="col">Relied on by</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field) => (
                <FieldRow
                  key={field.id}
                  field={field}
                  busy={busyId === field.id}
                  editRef={(button) => {
                    if (button) editButtons.current.set(field.id, button);
                    else editButtons.current.delete(field.id);
                  }}
                  onEdit={() => { setFormError(null); setEditing({ kind: 'edit', field }); }}
                  onToggle={() => void toggle(field)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import type { CriticalInfoFieldPartsFragment, CriticalInfoType, LifecycleStage } from '../../gql/graphql';
import { LIFECYCLE_STAGES } from '../../accounts/lifecycle';
import { useFocusFirstField } from '../../app/useFocusFirstField';
import { STAGES, TYPE_LABELS } from '../values';
import { BusyButton } from '../../app/BusyButton';
import { KeptDraftNote } from '../../auth/KeptDraftNote';
import { useKeptDraft } from '../../auth/useKeptDraft';

/** What the form sends: the create input, or (without key and type) the update input. */
export interface FieldFormValues {
  key: string;
  label: string;
  whyCritical: string;
  howItHelps: string;
  type: CriticalInfoType;
  options: string[];
  requiredInStages: LifecycleStage[];
  stalenessDays: number;
  divisionIds: string[];
  position: number | null;
}

interface FieldFormProps {
  /** The field to change; none: a new field. */
  field?: CriticalInfoFieldPartsFragment;
  divisions: readonly { id: string; name: string }[];
  saving: boolean;
  error: string | null;
  onSubmit: (values: FieldFormValues) => void;
  onCancel: () => void;
}

const TYPES = Object.keys(TYPE_LABELS) as CriticalInfoType[];
const hasOptions = (type: CriticalInfoType) => type === 'ENUM' || type === 'MULTI_ENUM';
const MAX_STALENESS_DAYS = 3650;

/** The days a value stays fresh, if the box holds a whole number the API takes. */
function stalenessDaysOf(typed: number | string): number | null {
  const days = typeof typed === 'number' ? typed : Number.NaN;
  return Number.isInteger(days) && days >= 1 && days <= MAX_STALENESS_DAYS ? days : null;
}

function initial(field?: CriticalInfoFieldPartsFragment): FieldFormValues {
  return {
    key: field?.key ?? '', label: field?.label ?? '', whyCritical: field?.whyCritical ?? '', howItHelps: field?.howItHelps ?? '',
    type: field?.type ?? 'TEXT', options: [...(field?.options ?? [])], requiredInStages: [...(field?.requiredInStages ?? [])],
    stalenessDays: field?.stalenessDays ?? 180, divisionIds: field?.reliedOnBy.map((d) => d.id) ?? [], position: field?.position ?? null,
  };
}

/** Adds a field to the catalogue or changes one (key and type are fixed once created: the history depends on them). */
export function FieldForm({ field, divisions, saving, error, onSubmit, onCancel }: FieldFormProps) {
  // What was typed outlives the end of the session: the form opens with it again after signing in (useKeptDraft).
  const kept = useKeptDraft(`critical-info-field:${field?.id ?? 'new'}`, () => {
    const values = initial(field);
    // As typed, empty included: it is checked on save. Forced to 1 when cleared, "30" typed over it became 301 (found by exploratory testing).
    return { values, optionsText: values.options.join('\n'), freshFor: values.stalenessDays as number | string };
  });
  const { values, optionsText, freshFor } = kept.value;
  const setOptionsText = (next: string) => kept.setValue((v) => ({ ...v, optionsText: next }));
  const setFreshFor = (next: number | string) => kept.setValue((v) => ({ ...v, freshFor: next }));
  const [freshForError, setFreshForError] = useState<string | null>(null);
  const set = (patch: Partial<FieldFormValues>) => kept.setValue((v) => ({ ...v, values: { ...v.values, ...patch } }));
  const title = field ? `Edit “${field.label}”` : 'New field';
  // The form opens at the top of the page, maybe far above the row's Edit button, and "New field" goes while it is open.
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstField(form);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const options = hasOptions(values.type) ? optionsText.split('\n').map((o) => o.trim()).filter(Boolean) : [];
    const stalenessDays = stalenessDaysOf(freshFor);
    setFreshForError(stalenessDays == null ? `A whole number of days from 1 to ${MAX_STALENESS_DAYS}` : null);
    if (stalenessDays == null) return;
    onSubmit({ ...values, options, stalenessDays });
  };

  return (
    <Paper ref={form} withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {kept.restored && <KeptDraftNote />}
        {error && (
          <Alert color="red" variant="light" title="Not saved" role="alert">
            {error}
          </Alert>
        )}
        {!field && (
          <Group grow align="flex-start">
            <TextInput label="Key" description="Lower case, digits and _, e.g. data_residency; integrations send values under it." required value={values.key} onChange={(e) => set({ key: e.currentTarget.value })} />
            <NativeSelect label="Type" data={TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} value={values.type} onChange={(e) => set({ type: e.currentTarget.value as CriticalInfoType })} />
          </Group>
        )}
        <TextInput label="Label" required value={values.label} onChange={(e) => set({ label: e.currentTarget.value })} />
        <Textarea label="Why it is critical" required autosize minRows={2} value={values.whyCritical} onChange={(e) => set({ whyCritical: e.currentTarget.value })} />
        <Textarea label="How it helps care for the customer" required autosize minRows={2} value={values.howItHelps} onChange={(e) => set({ howItHelps: e.currentTarget.value })} />
        {hasOptions(values.type) && (
          <Textarea label="Options" description="One per line, in display order." autosize minRows={3} value={optionsText} onChange={(e) => setOptionsText(e.currentTarget.value)} />
        )}
        <Checkbox.Group label="Required in stages" value={values.requiredInStages} onChange={(v) => set({ requiredInStages: v as LifecycleStage[] })}>
          <Group gap="md" mt={4}>
            {STAGES.map((s) => (
              <Checkbox key={s} value={s} label={LIFECYCLE_STAGES[s].label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group grow align="flex-start">
          <NumberInput label="Fresh for (days)" min={1} max={MAX_STALENESS_DAYS} allowDecimal={false} required value={freshFor} error={freshForError} onChange={setFreshFor} />
          <NumberInput
            label="Position" description="Display order" min={0} max={1_000_000} allowDecimal={false} allowNegative={false} clampBehavior="strict"
            // Whole numbers the API takes: "1.5" or 99999999999 answered with GraphQL's raw refusal (found by exploratory testing).
            value={values.position ?? ''} onChange={(v) => set({ position: v === '' ? null : Number(v) })}
          />
        </Group>
        <Checkbox.Group label="Relied on by" description="None chosen: every division." value={values.divisionIds} onChange={(divisionIds) => set({ divisionIds })}>
          <Group gap="md" mt={4}>
            {divisions.map((d) => (
              <Checkbox key={d.id} value={d.id} label={d.name} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group gap="sm">
          <BusyButton type="submit" busy={saving}>
            {field ? 'Save changes' : 'Add field'}
          </BusyButton>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

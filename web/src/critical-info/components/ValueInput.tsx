import { Checkbox, Group, NativeSelect, Radio, Textarea, TextInput } from '@mantine/core';
import type { CriticalInfoFieldPartsFragment } from '../../gql/graphql';
import type { Draft } from '../values';

interface ValueInputProps {
  field: Pick<CriticalInfoFieldPartsFragment, 'label' | 'type' | 'options'>;
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** People of the account, for a STAKEHOLDER_REF field. */
  stakeholders: readonly { id: string; name: string; title?: string | null }[];
  error?: string | null;
  /** A value must be given (the conflict form's "another value"): marked with an asterisk and `required`. */
  required?: boolean;
}

/** The input that fits the field's type: text, number, amount and currency, date, yes/no, one or several options, a person. */
export function ValueInput({ field, draft, onChange, stakeholders, error, required = false }: ValueInputProps) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const label = field.label;
  switch (field.type) {
    case 'TEXT':
      return <Textarea label={label} required={required} autosize minRows={2} maxLength={2000} value={draft.text} error={error} onChange={(e) => set({ text: e.currentTarget.value })} />;
    case 'NUMBER':
      return <TextInput label={label} required={required} inputMode="decimal" value={draft.text} error={error} onChange={(e) => set({ text: e.currentTarget.value })} />;
    case 'DATE':
      return <TextInput label={label} required={required} type="date" value={draft.text} error={error} onChange={(e) => set({ text: e.currentTarget.value })} />;
    case 'MONEY':
      return (
        <Group align="flex-start" gap="sm">
          <TextInput label={`${label}: amount`} required={required} inputMode="decimal" value={draft.amount} error={error} onChange={(e) => set({ amount: e.currentTarget.value })} />
          <TextInput label="Currency" required={required} description="ISO code, e.g. EUR" maxLength={3} w={120} value={draft.currency} onChange={(e) => set({ currency: e.currentTarget.value.toUpperCase() })} />
        </Group>
      );
    case 'BOOLEAN':
      return (
        <Radio.Group label={label} withAsterisk={required} value={draft.text} error={error} onChange={(text) => set({ text })}>
          <Group gap="md" mt={4}>
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
          </Group>
        </Radio.Group>
      );
    case 'ENUM':
      return <NativeSelect label={label} required={required} value={draft.text} error={error} data={[{ value: '', label: 'Choose…' }, ...field.options]} onChange={(e) => set({ text: e.currentTarget.value })} />;
    case 'MULTI_ENUM':
      return (
        <Checkbox.Group label={label} withAsterisk={required} value={draft.list} error={error} onChange={(list) => set({ list })}>
          <Group gap="md" mt={4}>
            {field.options.map((o) => (
              <Checkbox key={o} value={o} label={o} />
            ))}
          </Group>
        </Checkbox.Group>
      );
    case 'STAKEHOLDER_REF':
      return (
        <NativeSelect
          label={label}
          required={required}
          value={draft.text}
          error={error}
          data={[{ value: '', label: stakeholders.length ? 'Choose a person…' : 'No stakeholders known yet' }, ...stakeholders.map((s) => ({ value: s.id, label: s.title ? `${s.name} (${s.title})` : s.name }))]}
          onChange={(e) => set({ text: e.currentTarget.value })}
        />
      );
  }
}

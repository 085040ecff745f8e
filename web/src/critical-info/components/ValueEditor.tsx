import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, NativeSelect, Paper, Stack, TextInput } from '@mantine/core';
import type { CriticalInfoFieldPartsFragment } from '../../gql/graphql';
import { apiErrorMessage } from '../../app/apiErrors';
import { mergedIntoIdOf } from '../../identity/mergedAwayLink';
import { SurvivorLink } from '../../identity/components/SurvivorLink';
import { useFocusFirstField } from '../../app/useFocusFirstField';
import { assertCriticalInfoMutation } from '../operations';
import { draftOf, valueOf } from '../values';
import { useChoices } from './useChoices';
import { ValueInput } from './ValueInput';
import { BusyButton } from '../../app/BusyButton';
import { KeptDraftNote } from '../../auth/KeptDraftNote';
import { useKeptDraft } from '../../auth/useKeptDraft';

interface ValueEditorProps {
  accountId: string;
  field: CriticalInfoFieldPartsFragment;
  current: unknown;
  onDone: () => void;
}

/** The name the editor of one field of one account keeps its text under when the session ends. */
export const valueDraftName = (accountId: string, fieldKey: string) => `critical-info-value:${accountId}:${fieldKey}`;

/**
 * Inline edit of one field: the input for its type, where it was learned, a note. Saving adds an assertion; nothing is overwritten.
 * What was typed outlives the end of the session: the editor opens with it again after signing in (useKeptDraft).
 */
export function ValueEditor({ accountId, field, current, onDone }: ValueEditorProps) {
  const kept = useKeptDraft(valueDraftName(accountId, field.key), () => ({ draft: draftOf(field.type, current), note: '', touchpointId: '' }));
  const { draft, note, touchpointId } = kept.value;
  const setDraft = (next: typeof draft) => kept.setValue((v) => ({ ...v, draft: next }));
  const setNote = (next: string) => kept.setValue((v) => ({ ...v, note: next }));
  const setTouchpointId = (next: string) => kept.setValue((v) => ({ ...v, touchpointId: next }));
  const close = () => {
    kept.discard();
    onDone();
  };
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Refused because the account was merged away meanwhile: the account it was merged into, where the value belongs now.
  const [survivor, setSurvivor] = useState<string | null>(null);
  const { stakeholders, touchpoints } = useChoices(accountId);
  const [assert, { loading }] = useMutation(assertCriticalInfoMutation);
  // The Edit button that opened the editor is hidden while it is open: the focus goes into the editor.
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstField(form);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSurvivor(null);
    const checked = valueOf(field.type, draft);
    setProblem('problem' in checked ? checked.problem : null);
    if ('problem' in checked) return;
    try {
      await assert({ variables: { input: { accountId, fieldKey: field.key, value: checked.value, note: note.trim() || null, sourceTouchpointId: touchpointId || null } } });
      close();
    } catch (caught) {
      setError(apiErrorMessage(caught));
      setSurvivor(mergedIntoIdOf(caught));
    }
  };

  return (
    <Paper ref={form} withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit} aria-label={`Edit ${field.label}`}>
      <Stack gap="sm">
        {kept.restored && <KeptDraftNote />}
        {error && (
          <Alert color="red" variant="light" title="Not saved" role="alert">
            {error}
            {survivor && (
              <>
                {' '}
                <SurvivorLink id={survivor} />
              </>
            )}
          </Alert>
        )}
        <ValueInput field={field} draft={draft} onChange={setDraft} stakeholders={stakeholders} error={problem} />
        <NativeSelect label="Learned in (optional)" value={touchpointId} data={[{ value: '', label: 'Not from a recorded touchpoint' }, ...touchpoints]} onChange={(e) => setTouchpointId(e.currentTarget.value)} />
        <TextInput label="Note (optional)" maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group gap="sm">
          <BusyButton type="submit" busy={loading}>
            Save
          </BusyButton>
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

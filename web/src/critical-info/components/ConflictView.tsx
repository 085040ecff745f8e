import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@apollo/client/react';
import { Alert, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import type { CriticalInfoEntryPartsFragment } from '../../gql/graphql';
import { apiErrorMessage } from '../../app/apiErrors';
import { mergedIntoIdOf } from '../../identity/mergedAwayLink';
import { SurvivorLink } from '../../identity/components/SurvivorLink';
import { resolveCriticalInfoConflictMutation } from '../operations';
import { draftOf, valueOf } from '../values';
import { SaidBy } from './Provenance';
import { useChoices } from './useChoices';
import { ValueInput } from './ValueInput';
import { BusyButton } from '../../app/BusyButton';
import { KeptDraftNote } from '../../auth/KeptDraftNote';
import { useKeptDraft } from '../../auth/useKeptDraft';

const OTHER = 'other';

interface ConflictViewProps {
  accountId: string;
  entry: CriticalInfoEntryPartsFragment;
  /** The resolution is sent from here (`true`), or was refused (`false`). */
  onResolving: (resolving: boolean) => void;
}

/**
 * Each division's value side by side, and, for those who may resolve the conflict (viewerMayResolve), the resolution: which value holds (or the right one) and why. What was
 * chosen and typed outlives the end of the session: the form shows it again after signing in (useKeptDraft).
 */
export function ConflictView({ accountId, entry, onResolving }: ConflictViewProps) {
  const { field, divisionValues } = entry;
  const kept = useKeptDraft(`critical-info-conflict:${accountId}:${field.key}`, () => ({ chosen: '', draft: draftOf(field.type, null), note: '' }));
  const { chosen, draft, note } = kept.value;
  const setChosen = (next: string) => kept.setValue((v) => ({ ...v, chosen: next }));
  const setDraft = (next: typeof draft) => kept.setValue((v) => ({ ...v, draft: next }));
  const setNote = (next: string) => kept.setValue((v) => ({ ...v, note: next }));
  const [error, setError] = useState<string | null>(null);
  // Refused because the account was merged away meanwhile: the account it was merged into, where the value belongs now.
  const [survivor, setSurvivor] = useState<string | null>(null);
  // Which part the error is about: it is shown at that part too (aria-invalid, described by it), not only above.
  const [errorAt, setErrorAt] = useState<'choice' | 'value' | 'note' | null>(null);
  const { stakeholders } = useChoices(accountId);
  const [resolve, { loading }] = useMutation(resolveCriticalInfoConflictMutation);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSurvivor(null);
    setErrorAt(null);
    const side = divisionValues.find((a) => a.id === chosen);
    const checked = side ? { value: side.value } : chosen === OTHER ? valueOf(field.type, draft) : { problem: 'Choose the value that holds.' };
    if ('problem' in checked) {
      setErrorAt(side || chosen === OTHER ? 'value' : 'choice');
      return setError(checked.problem);
    }
    if (!note.trim()) {
      setErrorAt('note');
      return setError('Say why this value holds (who confirmed it, where).');
    }
    onResolving(true);
    try {
      await resolve({ variables: { input: { accountId, fieldKey: field.key, value: checked.value, note: note.trim() } } });
      kept.discard();
    } catch (caught) {
      onResolving(false);
      setError(apiErrorMessage(caught));
      setSurvivor(mergedIntoIdOf(caught));
    }
  };

  if (!entry.viewerMayResolve) {
    const parties = [...new Set(divisionValues.map((a) => a.division.name))];
    return (
      <Paper withBorder p="sm" radius="sm" component="section" aria-label={`The conflict on ${field.label}`}>
        <Stack gap="sm">
          <Title order={4}>The divisions disagree</Title>
          <SimpleGrid cols={{ base: 1, sm: Math.min(divisionValues.length, 3) }}>
            {divisionValues.map((a) => (
              <DivisionSays key={a.id} a={a} />
            ))}
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            A manager or an admin resolves it, or a colleague of {parties.join(' or ')} who deals with this account.
          </Text>
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="sm" radius="sm" component="form" noValidate onSubmit={onSubmit} aria-label={`Resolve the conflict on ${field.label}`}>
      <Stack gap="sm">
        <Title order={4}>The divisions disagree</Title>
        {kept.restored && <KeptDraftNote />}
        {error && (
          <Alert color="red" variant="light" title="Not resolved" role="alert">
            {error}
            {survivor && (
              <>
                {' '}
                <SurvivorLink id={survivor} />
              </>
            )}
          </Alert>
        )}
        {/* Both are required, and marked so before a first try says so (an asterisk to see, `required` to hear); the form
            checks them itself (noValidate), saying what is missing in its words. */}
        <Radio.Group label="Which value holds?" withAsterisk value={chosen} onChange={setChosen} error={errorAt === 'choice' ? error : undefined}>
          <SimpleGrid cols={{ base: 1, sm: Math.min(divisionValues.length + 1, 3) }} mt="xs">
            {divisionValues.map((a) => (
              <DivisionSays key={a.id} a={a}>
                <Radio mt="xs" required value={a.id} label={`${a.division.name}${a.division.name.endsWith('s') ? "'" : "'s"} value holds`} />
              </DivisionSays>
            ))}
            <Paper withBorder p="sm" radius="sm">
              <Text size="sm" fw={600}>
                Neither
              </Text>
              <Radio mt="xs" required value={OTHER} label="Another value holds" />
            </Paper>
          </SimpleGrid>
        </Radio.Group>
        {chosen === OTHER && <ValueInput field={field} draft={draft} onChange={setDraft} stakeholders={stakeholders} required error={errorAt === 'value' ? error : undefined} />}
        <Textarea label="Why this value holds" required error={errorAt === 'note' ? error : undefined} description="Who confirmed it, where; both sides stay in the history." autosize minRows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <BusyButton type="submit" busy={loading} w="fit-content">
          Resolve conflict
        </BusyButton>
      </Stack>
    </Paper>
  );
}

type DivisionValue = CriticalInfoEntryPartsFragment['divisionValues'][number];

/** One division's side of the conflict: what it says, who said it and when; for those who may resolve, its choice. */
function DivisionSays({ a, children }: { a: DivisionValue; children?: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Text size="sm" fw={600}>
        {a.division.name} says
      </Text>
      <Text size="lg">{a.text}</Text>
      <SaidBy a={a} />
      {children}
    </Paper>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { CriticalInfoEntryPartsFragment } from '../../gql/graphql';
import { NotSet } from '../../accounts/components/NotSet';
import { formatDate } from '../../touchpoints/format';
import { ConflictView } from './ConflictView';
import { Provenance, SaidBy } from './Provenance';
import { StatusBadge } from './StatusBadge';
import { useHasKeptDraft } from '../../auth/useKeptDraft';
import { ValueEditor, valueDraftName } from './ValueEditor';

/**
 * One field of the account: label, value, status chip; provenance on expand; inline edit (for those who may assert);
 * the conflict view when divisions disagree (with the resolution form for those who may resolve it).
 */
export function CriticalInfoRow({ accountId, entry, mayAssert }: { accountId: string; entry: CriticalInfoEntryPartsFragment; mayAssert: boolean }) {
  const { field, current, status } = entry;
  // Back from signing in after the session ended mid-edit: the editor is open again, with what was typed.
  const editedBefore = useHasKeptDraft(valueDraftName(accountId, field.key));
  const [editing, setEditing] = useState(editedBefore && mayAssert);
  const [expanded, setExpanded] = useState(false);
  const headingId = useId();
  const provenanceId = useId();
  // Keyboard users keep their place (found by exploratory testing: focus fell to the page's body): when the editor
  // closes, focus goes back to its Edit button; when a conflict is resolved here (its form goes), to the field's heading.
  // Only here: a conflict also ends when the panel is asked for again after something else (a split of the account),
  // and the focus and the page jumped to this heading away from what the user did (found by exploratory testing).
  const editButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const resolvingHere = useRef(false);
  const before = useRef({ editing, status });
  useEffect(() => {
    if (before.current.editing && !editing) editButton.current?.focus();
    else if (before.current.status === 'CONFLICT' && status !== 'CONFLICT' && resolvingHere.current) heading.current?.focus();
    if (status !== 'CONFLICT') resolvingHere.current = false;
    before.current = { editing, status };
  }, [editing, status]);

  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Title order={3} size="h5" id={headingId} ref={heading} tabIndex={-1}>
                {field.label}
              </Title>
              <StatusBadge status={status} />
              {entry.required && (
                <Text size="xs" c="dimmed">
                  required at this stage
                </Text>
              )}
            </Group>
            <Text size="lg" mt={2}>
              {current ? current.text : <NotSet />}
            </Text>
            {current && <SaidBy a={current} />}
            {status === 'STALE' && entry.staleAt && (
              <Text size="sm" c="dimmed">
                Stale since {formatDate(entry.staleAt)}: confirm it with the customer.
              </Text>
            )}
            <Text size="sm" c="dimmed" mt={4}>
              Why it matters: {field.whyCritical}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            {entry.history.length > 0 && (
              <Button variant="default" size="xs" aria-expanded={expanded} aria-controls={provenanceId} onClick={() => setExpanded((v) => !v)}>
                {expanded ? 'Hide provenance' : 'Provenance'}
                <VisuallyHidden> of {field.label}</VisuallyHidden>
              </Button>
            )}
            {!editing && mayAssert && (
              <Button ref={editButton} variant="light" size="xs" onClick={() => setEditing(true)}>
                Edit<VisuallyHidden> {field.label}</VisuallyHidden>
              </Button>
            )}
          </Group>
        </Group>
        {expanded && <Provenance id={provenanceId} history={entry.history} />}
        {editing && mayAssert && <ValueEditor accountId={accountId} field={field} current={current?.value ?? null} onDone={() => setEditing(false)} />}
        {status === 'CONFLICT' && <ConflictView accountId={accountId} entry={entry} onResolving={(resolving) => { resolvingHere.current = resolving; }} />}
      </Stack>
    </Paper>
  );
}

import { Text } from '@mantine/core';
import type { ParentDecider } from '../../gql/graphql';
import { formatDate } from '../../touchpoints/format';

export interface ParentDecisionView {
  decider: ParentDecider;
  by?: string | null;
  at?: string | null;
  reason?: string | null;
  cleared: boolean;
}

/** In words: who placed the account where it is in its group (a person, matching, or a merge that moved it), when and why. */
export function parentDecisionText({ decider, by, at, reason, cleared }: ParentDecisionView): string {
  const when = at ? ` on ${formatDate(at)}` : '';
  const why = reason ? ` Reason: ${reason}` : '';
  if (decider === 'MATCHING') return `Placed here by matching${when}, from what the divisions' systems sent.${why}`;
  // Its parent was merged into another account (or it took the merged account's place): no one placed it here as such.
  if (decider === 'MERGE') return `Moved here by a merge${by ? ` (${by === 'matching' ? 'made by matching' : `by ${by}`})` : ''}${when}.${why}`;
  const who = by ?? 'a person';
  const what = cleared ? `${who} decided${when} that it belongs to no other company` : `Placed here by ${who}${when}`;
  return `${what}; matching will not move it.${why}`;
}

export function ParentDecisionNote({ decision }: { decision: ParentDecisionView }) {
  return (
    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {parentDecisionText(decision)}
    </Text>
  );
}

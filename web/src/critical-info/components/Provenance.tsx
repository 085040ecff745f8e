import { List, Stack, Text } from '@mantine/core';
import type { CriticalInfoAssertionPartsFragment } from '../../gql/graphql';
import { formatDate } from '../../touchpoints/format';

/** Where a touchpoint-sourced value was learned: "Meeting on 1 Sep 2026: Renewal kick-off" (content withheld when confidential). */
function Source({ a }: { a: CriticalInfoAssertionPartsFragment }) {
  const t = a.sourceTouchpoint;
  if (!t) return a.sourceSystem ? <>from {a.sourceSystem}</> : null;
  const about = t.contentHidden ? ' (confidential to its division)' : t.subject ? `: ${t.subject}` : '';
  return (
    <>
      from the {t.type.toLowerCase()} on {formatDate(t.occurredAt)}
      {about}
    </>
  );
}

/** Who said it, which division, when, from where: one line. */
export function SaidBy({ a }: { a: CriticalInfoAssertionPartsFragment }) {
  const who = a.colleague?.name ?? a.assertedByEmail ?? (a.sourceSystem ? 'a division system' : 'someone');
  return (
    <Text size="sm" c="dimmed" component="span">
      {who}, {a.division.name}, {formatDate(a.assertedAt)} <Source a={a} />
    </Text>
  );
}

/** The current value's provenance and every value before it, newest first. */
export function Provenance({ history, id }: { history: readonly CriticalInfoAssertionPartsFragment[]; id: string }) {
  return (
    <Stack gap={4} id={id}>
      <Text size="sm" fw={600}>
        History ({history.length})
      </Text>
      <List size="sm" spacing={4}>
        {history.map((a) => (
          <List.Item key={a.id}>
            <Text span size="sm" fw={500}>
              {a.text}
            </Text>
            {a.resolvesConflict ? ' (resolved the conflict)' : ''} — <SaidBy a={a} />
            {a.note ? (
              <Text size="sm" fs="italic">
                “{a.note}”
              </Text>
            ) : null}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

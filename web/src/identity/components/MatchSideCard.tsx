import { useId } from 'react';
import { Link } from 'react-router';
import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import type { MatchKind, MatchSidePartsFragment } from '../../gql/graphql';
import { accountPath } from '../../accounts/components/AccountRow';
import { sideFacts } from '../evidence';

/** What an account holds now, as the card lists it. */
export interface AccountHoldings {
  name: string;
  domains: string[];
  registryIds: string[];
  divisions: { id: string; name: string }[];
}

interface MatchSideCardProps {
  heading: string;
  kind: MatchKind;
  side: MatchSidePartsFragment;
  divisionName: string;
  /** The side's account as it is now: listed under the record (the candidate's, which a SAME merges into). */
  holds?: AccountHoldings | null;
}

/** Items of a list the card shows at most: more would push the decision off the screen; the account page has them all. */
const SHOWN_ITEMS = 5;

/** "a, b, c and 4 more"; "none" for an empty list. */
export function shortList(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, SHOWN_ITEMS).join(', ');
  return items.length > SHOWN_ITEMS ? `${shown} and ${items.length - SHOWN_ITEMS} more` : shown;
}

/** Label and text pairs as a description list, two columns. */
function FactList({ facts }: { facts: { label: string; value: string }[] }) {
  return (
    <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 'var(--mantine-spacing-sm)' }}>
      {facts.map((f) => (
        <Box key={f.label} style={{ display: 'contents' }}>
          <Text component="dt" size="sm" c="dimmed">
            {f.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {f.value}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

/** One side of a review: the name as the division spells it, who sent it, and the facts it came with. */
export function MatchSideCard({ heading, kind, side, divisionName, holds }: MatchSideCardProps) {
  const facts = sideFacts(kind, side.raw as Record<string, unknown> | null);
  const holdsId = useId();
  return (
    <Box p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', overflowWrap: 'anywhere' }}>
      <Stack gap={4}>
        <Title order={3} size="h6" c="dimmed" fw={600}>
          {heading}
        </Title>
        <Text fw={700}>{side.name}</Text>
        <Text size="sm">
          {divisionName} · {side.sourceSystem} <Text span ff="monospace" size="sm">#{side.externalId}</Text>
        </Text>
        {facts.length > 0 && <FactList facts={facts} />}
        {holds && (
          // A named group, not a landmark (a named section is a region): one per review would fill the page's list of
          // landmarks, and two reviews of one candidate account made two of one name (axe's landmark-unique, found in review).
          <Box role="group" aria-labelledby={holdsId} mt={4}>
            <Title order={4} size="h6" fw={600} id={holdsId}>
              What the account {holds.name} holds now
            </Title>
            <FactList
              facts={[
                { label: 'Web domains', value: shortList(holds.domains) },
                { label: 'Divisions', value: shortList(holds.divisions.map((d) => d.name)) },
                { label: 'Registry ids', value: shortList(holds.registryIds) },
              ]}
            />
          </Box>
        )}
        {side.accountId && (
          <Anchor component={Link} to={accountPath(side.accountId)} size="sm">
            {kind === 'ACCOUNT' ? `Open the account of ${side.name}` : `Open the account where ${side.name} works`}
          </Anchor>
        )}
      </Stack>
    </Box>
  );
}

import { Link } from 'react-router';
import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import type { MatchKind, MatchSidePartsFragment } from '../../gql/graphql';
import { accountPath } from '../../accounts/components/AccountRow';
import { sideFacts } from '../evidence';

interface MatchSideCardProps {
  heading: string;
  kind: MatchKind;
  side: MatchSidePartsFragment;
  divisionName: string;
}

/** One side of a review: the name as the division spells it, who sent it, and the facts it came with. */
export function MatchSideCard({ heading, kind, side, divisionName }: MatchSideCardProps) {
  const facts = sideFacts(kind, side.raw as Record<string, unknown> | null);
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
        {facts.length > 0 && (
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

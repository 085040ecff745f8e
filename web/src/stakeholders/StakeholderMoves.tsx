import { Link } from 'react-router';
import { Anchor, Text } from '@mantine/core';
import { accountPath } from '../accounts/components/AccountRow';
import { formatDate } from '../touchpoints/format';

interface Affiliation {
  account?: { id: string; name: string } | null;
  endedOn?: string | null;
  current: boolean;
}

/**
 * Where else a person is or was, seen from one account: "Now at …" (moved on), "Also at …" (at both
 * customers now, a board member of two), "Formerly at … until …" (moved here).
 */
export function StakeholderMoves({ affiliations, accountId }: { affiliations: readonly Affiliation[]; accountId: string }) {
  const elsewhere = affiliations.filter((a): a is Affiliation & { account: { id: string; name: string } } => !!a.account && a.account.id !== accountId);
  if (elsewhere.length === 0) return null;
  const stillHere = affiliations.some((a) => a.account?.id === accountId && a.current);
  return (
    <>
      {elsewhere.map((a) => (
        <Text key={a.account.id} size="xs" c="dimmed" fw={400}>
          {a.current ? (stillHere ? 'Also at ' : 'Now at ') : 'Formerly at '}
          <Anchor component={Link} to={accountPath(a.account.id)} size="xs" c="inherit" underline="always">
            {a.account.name}
          </Anchor>
          {!a.current && a.endedOn && <> until {formatDate(a.endedOn)}</>}
        </Text>
      ))}
    </>
  );
}

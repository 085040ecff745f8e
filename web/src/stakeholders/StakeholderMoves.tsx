import { Link } from 'react-router';
import { Anchor, Text } from '@mantine/core';
import { accountPath } from '../accounts/components/AccountRow';
import { formatDate } from '../touchpoints/format';

/** One stint of a person at a customer, as the stakeholders query reads it. */
export interface Stint {
  id: string;
  account?: { id: string; name: string } | null;
  title?: string | null;
  startedOn: string;
  endedOn?: string | null;
  current: boolean;
  divisionTitles?: readonly { title?: string | null; division?: { id: string; name: string } | null }[];
}

/** "1 Jan 2024 – 30 Jun 2026", or "since 1 Jan 2024" while it lasts. */
function dates(s: Stint): string {
  return s.current || !s.endedOn ? `since ${formatDate(s.startedOn)}` : `${formatDate(s.startedOn)} – ${formatDate(s.endedOn)}`;
}

/**
 * Where else a person is or was, seen from one account, one line per stint with its dates: "Now at …" (moved on),
 * "Also at …" (at both customers now, a board member of two), "Formerly at …" (moved here); and their earlier stints
 * here when they left and came back ("Earlier here …", with the title they had then).
 */
export function StakeholderMoves({ affiliations, accountId }: { affiliations: readonly Stint[]; accountId: string }) {
  const elsewhere = affiliations.filter((a): a is Stint & { account: { id: string; name: string } } => !!a.account && a.account.id !== accountId);
  const here = affiliations.filter((a) => a.account?.id === accountId);
  const stillHere = here.some((a) => a.current);
  // Earlier stints here are news only beside another stint here (they came back, or their latest is the one listed).
  const earlierHere = here.length > 1 ? here.slice(1) : [];
  if (elsewhere.length === 0 && earlierHere.length === 0) return null;
  return (
    <>
      {elsewhere.map((a) => (
        <Text key={a.id} size="xs" c="dimmed" fw={400}>
          {a.current ? (stillHere ? 'Also at ' : 'Now at ') : 'Formerly at '}
          <Anchor component={Link} to={accountPath(a.account.id)} size="xs" c="inherit" underline="always">
            {a.account.name}
          </Anchor>
          {`, ${dates(a)}`}
        </Text>
      ))}
      {earlierHere.map((a) => (
        <Text key={a.id} size="xs" c="dimmed" fw={400}>
          {`Earlier here, ${dates(a)}${a.title ? `, as ${a.title}` : ''}`}
        </Text>
      ))}
    </>
  );
}

/**
 * The titles divisions give a person in one stint when they disagree ("CTO (Exhibits)", "VP Engineering (Logistics)"),
 * null when they agree or only one gives one: then the stint's title says it.
 */
export function disagreeingTitles(stint: Stint | undefined): { title: string; division: string }[] | null {
  const given = (stint?.divisionTitles ?? []).flatMap((t) => (t.title ? [{ title: t.title, division: t.division?.name ?? 'no division recorded' }] : []));
  return new Set(given.map((t) => t.title)).size > 1 ? given : null;
}

import { Link } from 'react-router';
import { Anchor, Box, Paper, Text, Title } from '@mantine/core';
import { accountPath } from '../../accounts/components/AccountRow';
import { decisionWords } from '../evidence';
import type { DecidedReview } from './MatchReviewCard';

/** What was decided during this visit, newest first: the reviews themselves have left the queue. */
export function DecidedReviews({ decided }: { decided: readonly DecidedReview[] }) {
  return (
    <Box role="status" aria-live="polite" aria-label="Decisions made during this visit">
      {decided.length > 0 && (
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-green-0)" style={{ overflowWrap: 'anywhere' }}>
          <Title order={2} size="h5" mb={4} tabIndex={-1} data-decided-title>
            Decided during this visit
          </Title>
          <Box component="ul" m={0} pl="md">
            {decided.map((d) => {
              const words = decisionWords(d.kind);
              return (
                <Text component="li" size="sm" key={d.id}>
                  {d.title}: {d.decision === 'SAME' ? words.same.toLowerCase() : words.different.toLowerCase()}
                  {d.decision === 'SAME' && d.account && (
                    <>
                      , now <Anchor component={Link} to={accountPath(d.account.id)} c="inherit" fw={700} underline="always">{d.account.name}</Anchor>
                    </>
                  )}
                  {d.decision === 'DIFFERENT' && ': they stay apart and will not be linked automatically again'}
                  .
                </Text>
              );
            })}
          </Box>
        </Paper>
      )}
    </Box>
  );
}

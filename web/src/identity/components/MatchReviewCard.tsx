import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { MatchDecision, MatchReviewPartsFragment } from '../../gql/graphql';
import { accountPath } from '../../accounts/components/AccountRow';
import { formatDateTime } from '../../touchpoints/format';
import { decisionWords } from '../evidence';
import { resolveMatchReviewMutation } from '../operations';
import { useAuditedAction } from '../useAuditedAction';
import { EvidenceTable } from './EvidenceTable';
import { MatchSideCard } from './MatchSideCard';
import { ReasonAndActions } from './ReasonAndActions';

interface MatchReviewCardProps {
  review: MatchReviewPartsFragment;
  divisionName: (id: string) => string;
}

type Outcome = { decision: MatchDecision; account: { id: string; name: string } | null };

/** One review: the two records side by side, the evidence, and the decision (with a reason for the audit trail). */
export function MatchReviewCard({ review, divisionName }: MatchReviewCardProps) {
  const titleId = useId();
  const words = decisionWords(review.kind);
  const { reason, setReason, error, run } = useAuditedAction();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [resolve, { loading }] = useMutation(resolveMatchReviewMutation);
  const title = `${review.record.name} and ${review.candidate.name}`;

  const decide = (decision: MatchDecision) => run(async (why) => {
    const result = await resolve({ variables: { id: review.id, decision, reason: why } });
    setOutcome({ decision, account: result.data?.resolveMatchReview.account ?? null });
  });

  return (
    <Paper component="li" withBorder p="md" radius="md" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            <Badge variant="light" color={review.kind === 'ACCOUNT' ? 'blue' : 'grape'} tt="none">
              {review.kind === 'ACCOUNT' ? 'Customers' : 'People'}
            </Badge>
            <Text size="sm">Score {review.score.toFixed(1)} bits</Text>
          </Group>
          <Text size="sm" c="dimmed">
            Queued <time dateTime={review.createdAt}>{formatDateTime(review.createdAt)}</time>
          </Text>
        </Group>
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MatchSideCard heading="Arrived" kind={review.kind} side={review.record} divisionName={divisionName(review.record.divisionId)} />
          <MatchSideCard heading="Best candidate" kind={review.kind} side={review.candidate} divisionName={divisionName(review.candidate.divisionId)} />
        </SimpleGrid>
        <EvidenceTable evidence={review.evidence} score={review.score} ruleVersion={review.ruleVersion} />
        {outcome ? (
          <Alert color={outcome.decision === 'SAME' ? 'green' : 'gray'} variant="light" role="status" title={outcome.decision === 'SAME' ? `Decided: ${words.same.toLowerCase()}` : `Decided: ${words.different.toLowerCase()}`}>
            {outcome.decision === 'SAME' && outcome.account ? (
              <>Both records now belong to <Anchor component={Link} to={accountPath(outcome.account.id)} c="inherit" fw={700} underline="always">{outcome.account.name}</Anchor>.</>
            ) : outcome.decision === 'SAME' ? (
              'Both records now belong to one person.'
            ) : (
              `They stay apart and will not be linked automatically again.`
            )}
          </Alert>
        ) : (
          <form aria-label={`Decide: ${title}`} onSubmit={(event) => event.preventDefault()}>
            <ReasonAndActions reason={reason} onReason={setReason} error={error} refusedTitle="Not decided" description="Kept in the audit trail with your decision.">
              <Button loading={loading} onClick={() => void decide('SAME')}>
                {words.same}
              </Button>
              <Button variant="default" disabled={loading} onClick={() => void decide('DIFFERENT')}>
                {words.different}
              </Button>
            </ReasonAndActions>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

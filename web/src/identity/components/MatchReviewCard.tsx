import { useId, useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { MatchDecision, MatchReviewPartsFragment } from '../../gql/graphql';
import { formatDateTime } from '../../touchpoints/format';
import { decisionWords } from '../evidence';
import { resolveMatchReviewMutation } from '../operations';
import { useAuditedAction } from '../useAuditedAction';
import { EvidenceTable } from './EvidenceTable';
import { MatchSideCard } from './MatchSideCard';
import { ReasonAndActions } from './ReasonAndActions';
import { BusyButton } from '../../app/BusyButton';

/** What a decision did: the page lists it once the review has left the queue. */
export interface DecidedReview {
  id: string;
  title: string;
  kind: MatchReviewPartsFragment['kind'];
  decision: MatchDecision;
  /** For customers decided SAME: the account both records now belong to. */
  account: { id: string; name: string } | null;
  /** The accounts the two sides were in: what the page must not show from its cache any longer. */
  accountIds: string[];
}

interface MatchReviewCardProps {
  review: MatchReviewPartsFragment;
  divisionName: (id: string) => string;
  onDecided: (decided: DecidedReview) => void;
  /** The review was decided or settled elsewhere meanwhile (CONFLICT): ask for the queue again. */
  onStale: () => void;
}

/** One review: the two records side by side, the evidence, and the decision (with a reason for the audit trail). */
export function MatchReviewCard({ review, divisionName, onDecided, onStale }: MatchReviewCardProps) {
  const titleId = useId();
  const words = decisionWords(review.kind);
  const { reason, setReason, restored, error, errorCode, keptApartTitle, run } = useAuditedAction(`match-review:${review.id}`);
  // SAME refused: a person kept the two customers apart (a split, a DIFFERENT elsewhere), or their accounts' registry ids differ;
  // the refusal says who, when and why, or which account gives which ids.
  const keptApart = errorCode === 'KEPT_APART';
  // Decided or settled elsewhere while the page was open: nothing to decide here any more.
  const stale = errorCode === 'CONFLICT';
  // Decided: the form goes at once; the page lists the outcome and asks for the queue again.
  const [decided, setDecided] = useState(false);
  const [resolve, { loading }] = useMutation(resolveMatchReviewMutation);
  const title = `${review.record.name} and ${review.candidate.name}`;
  // Two open reviews may pair the same two names (two records of one person): the form and the evidence box
  // are named by the records too, so no two on the page share a name (the visible title stays the names).
  const recordOf = (side: MatchReviewPartsFragment['record']) => `${side.name} (${divisionName(side.divisionId)} #${side.externalId})`;
  const pair = `${recordOf(review.record)} and ${recordOf(review.candidate)}`;

  const decide = (decision: MatchDecision, override = false) => run(async (why) => {
    const result = await resolve({ variables: { id: review.id, decision, reason: why, override } });
    setDecided(true);
    const accountIds = [review.record.accountId, review.candidate.accountId].filter((id): id is string => !!id);
    onDecided({ id: review.id, title, kind: review.kind, decision, account: result.data?.resolveMatchReview.account ?? null, accountIds });
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
        <Title order={2} size="h4" id={titleId} style={{ overflowWrap: 'anywhere' }} tabIndex={-1} data-review-title>
          {title}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MatchSideCard heading="Arrived" kind={review.kind} side={review.record} divisionName={divisionName(review.record.divisionId)} />
          <MatchSideCard
            heading="Best candidate" kind={review.kind} side={review.candidate} divisionName={divisionName(review.candidate.divisionId)}
            // For customers, what SAME would merge into; for people, the account is only where the candidate works.
            holds={review.kind === 'ACCOUNT' ? review.candidate.account : null}
          />
        </SimpleGrid>
        <EvidenceTable label={`Evidence for ${pair}`} evidence={review.evidence} score={review.score} ruleVersion={review.ruleVersion} />
        {!decided && (
          <form aria-label={`Decide: ${pair}`} onSubmit={(event) => event.preventDefault()}>
            <ReasonAndActions reason={reason} onReason={setReason} restored={restored} error={error} refusedTitle={keptApart ? keptApartTitle ?? 'Not decided' : stale ? 'Nothing left to decide' : 'Not decided'} description="Kept in the audit trail with your decision.">
              {stale ? (
                <Button variant="default" onClick={onStale}>
                  Refresh the list
                </Button>
              ) : keptApart ? (
                <BusyButton color="red" variant="light" busy={loading} onClick={() => void decide('SAME', true)}>
                  {`${words.same} anyway`}
                </BusyButton>
              ) : (
                <BusyButton busy={loading} onClick={() => void decide('SAME')}>
                  {words.same}
                </BusyButton>
              )}
              {!stale && (
                <Button variant="default" disabled={loading} onClick={() => void decide('DIFFERENT')}>
                  {words.different}
                </Button>
              )}
            </ReasonAndActions>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

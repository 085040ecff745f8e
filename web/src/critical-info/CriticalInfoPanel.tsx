import { useId } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { Loading } from '../accounts/components/Loading';
import { LIFECYCLE_STAGES } from '../accounts/lifecycle';
import { CriticalInfoRow } from './components/CriticalInfoRow';
import { accountCriticalInfoQuery } from './operations';

/** How complete the account's critical facts are for its stage. */
function Completeness({ info }: { info: { stage: keyof typeof LIFECYCLE_STAGES; completeness: number; requiredCount: number; completeCount: number; missingCount: number; staleCount: number; conflictCount: number } }) {
  const stage = LIFECYCLE_STAGES[info.stage]?.label ?? info.stage;
  return (
    <Stack gap={4} w="100%" maw={480}>
      <Group gap="xs" justify="space-between">
        <Text fw={600}>Completeness: {info.completeness}%</Text>
        <Text size="sm" c="dimmed">
          {info.completeCount} of {info.requiredCount} required at stage {stage} are OK
        </Text>
      </Group>
      <Progress value={info.completeness} aria-hidden="true" />
      <Text size="sm" c="dimmed">
        {info.missingCount} missing · {info.staleCount} stale · {info.conflictCount} in conflict
      </Text>
    </Stack>
  );
}

/**
 * The account's critical info: completeness, the questions to ask, and each field of the catalogue. Editing and
 * resolving are offered only to those the server lets do it (viewerMayAssert, viewerMayResolve).
 */
export function CriticalInfoPanel({ accountId }: { accountId: string }) {
  const { data, error } = useQuery(accountCriticalInfoQuery, { variables: { id: accountId } });
  const headingId = useId();
  const questionsId = useId();
  const account = data?.account;

  return (
    <Stack gap="sm" w="100%" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Critical info
      </Title>
      {error && !data && (
        <Alert color="red" variant="light" title="Could not load the critical info">
          {error.message}
        </Alert>
      )}
      {!data && !error && <Loading label="Loading the critical info…" />}
      {account && (
        <>
          <Completeness info={account.criticalInfo} />
          {!account.criticalInfo.viewerMayAssert && (
            <Text size="sm" c="dimmed">
              Values are recorded by colleagues of the divisions that deal with this account, and by managers and admins.
            </Text>
          )}
          {account.questionsToAsk.length > 0 && (
            <div>
              <Text fw={600} id={questionsId}>
                Questions to ask ({account.questionsToAsk.length})
              </Text>
              <List size="sm" spacing={2} aria-labelledby={questionsId}>
                {account.questionsToAsk.map((q) => (
                  <List.Item key={q.id}>{q.question}</List.Item>
                ))}
              </List>
            </div>
          )}
          <Stack gap="xs">
            {account.criticalInfo.entries.map((entry) => (
              <CriticalInfoRow key={entry.id} accountId={accountId} entry={entry} mayAssert={account.criticalInfo.viewerMayAssert} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

import { useQuery } from '@apollo/client/react';
import { criticalInfoChoicesQuery } from '../operations';
import { formatDay } from '../values';

/** What an editor offers to choose from: the account's people, and its recent touchpoints as "learned in". */
export function useChoices(accountId: string) {
  const { data } = useQuery(criticalInfoChoicesQuery, { variables: { id: accountId } });
  const stakeholders = data?.account?.stakeholders.edges.map((e) => e.node) ?? [];
  const touchpoints = (data?.account?.timeline.edges ?? []).map(({ node: t }) => ({
    value: t.id,
    label: `${formatDay(t.occurredAt)} · ${t.type.toLowerCase()}${t.contentHidden ? ' (confidential)' : t.subject ? ` · ${t.subject}` : ''}`,
  }));
  return { stakeholders, touchpoints };
}

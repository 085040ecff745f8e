import { useQuery } from '@apollo/client/react';
import { criticalInfoChoicesQuery } from '../operations';
import { formatDate } from '../../touchpoints/format';

/** What an editor offers to choose from: the account's people, and its recent touchpoints (those that happened) as "learned in". */
export function useChoices(accountId: string) {
  const { data } = useQuery(criticalInfoChoicesQuery, { variables: { id: accountId } });
  const stakeholders = data?.account?.stakeholders.edges.map((e) => e.node) ?? [];
  // Only what has happened: nothing was learned yet in a meeting still to come.
  const now = Date.now();
  const touchpoints = (data?.account?.timeline.edges ?? []).filter(({ node: t }) => new Date(t.occurredAt).getTime() <= now).map(({ node: t }) => ({
    value: t.id,
    label: `${formatDate(t.occurredAt)} · ${t.type.toLowerCase()}${t.contentHidden ? ' (confidential)' : t.subject ? ` · ${t.subject}` : ''}`,
  }));
  return { stakeholders, touchpoints };
}

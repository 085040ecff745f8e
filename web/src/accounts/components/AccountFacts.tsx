import { DataList, Group, Text } from '@mantine/core';
import type { LifecycleStage } from '../../gql/graphql';
import { LifecycleBadge } from './LifecycleBadge';
import { NotSet } from './NotSet';

interface AccountFactsProps {
  account: { lifecycleStage: LifecycleStage; industry?: string | null; domains: readonly string[] };
}

/** The account at a glance: stage, industry, domains. */
export function AccountFacts({ account }: AccountFactsProps) {
  return (
    <DataList orientation="horizontal" labelWidth={120}>
      <DataList.Item>
        <DataList.ItemLabel>Stage</DataList.ItemLabel>
        <DataList.ItemValue>
          <LifecycleBadge stage={account.lifecycleStage} />
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Industry</DataList.ItemLabel>
        <DataList.ItemValue>{account.industry || <NotSet />}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Domains</DataList.ItemLabel>
        <DataList.ItemValue>
          {account.domains.length === 0 ? (
            <NotSet />
          ) : (
            <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {account.domains.map((domain) => (
                <Text key={domain} component="li" inherit>
                  {domain}
                </Text>
              ))}
            </Group>
          )}
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}

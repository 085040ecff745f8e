import { Badge } from '@mantine/core';
import type { LifecycleStage } from '../../gql/graphql';
import { LIFECYCLE_STAGES } from '../lifecycle';

/** The account's lifecycle stage; light variant, whose dark text keeps AA contrast. */
export function LifecycleBadge({ stage }: { stage: LifecycleStage }) {
  const { label, color } = LIFECYCLE_STAGES[stage] ?? { label: stage, color: 'gray' };
  return (
    <Badge variant="light" color={color} tt="none">
      {label}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import type { CriticalInfoStatus } from '../../gql/graphql';
import { STATUSES } from '../values';

/** The status chip of a field: OK, Stale, Missing, Conflict or Not set. */
export function StatusBadge({ status }: { status: CriticalInfoStatus }) {
  const { label, color, hint } = STATUSES[status];
  return (
    <Badge variant="light" color={color} tt="none" title={hint}>
      {label}
    </Badge>
  );
}

import type { MantineColor } from '@mantine/core';
import type { LifecycleStage } from '../gql/graphql';

/** How each lifecycle stage reads and which color marks it. */
export const LIFECYCLE_STAGES: Record<LifecycleStage, { label: string; color: MantineColor }> = {
  PROSPECT: { label: 'Prospect', color: 'gray' },
  ONBOARDING: { label: 'Onboarding', color: 'cyan' },
  ACTIVE: { label: 'Active', color: 'green' },
  RENEWAL: { label: 'Renewal', color: 'blue' },
  AT_RISK: { label: 'At risk', color: 'orange' },
  CHURNED: { label: 'Churned', color: 'red' },
};

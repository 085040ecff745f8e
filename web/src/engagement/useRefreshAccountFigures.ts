import { useCallback, useEffect, useRef } from 'react';
import { useApolloClient } from '@apollo/client/react';

/** The account page's figures that new touchpoints change (by operation name). */
export const ACCOUNT_FIGURES = ['AccountEngagement', 'AccountActivityByMonth', 'AccountStakeholders'];

/**
 * Refreshes the account's figures (who else is talking, the activity chart,
 * the stakeholders' last touch) shortly after live activity; a burst of
 * touchpoints costs one refresh.
 */
export function useRefreshAccountFigures(delayMs = 1500): () => void {
  const client = useApolloClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void client.refetchQueries({ include: ACCOUNT_FIGURES }).catch(() => undefined);
    }, delayMs);
  }, [client, delayMs]);
}

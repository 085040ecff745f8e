import { useRef } from 'react';
import { Center } from '@mantine/core';
import { useWhenVisible } from './useWhenVisible';
import { BusyButton } from '../../app/BusyButton';

interface LoadMoreProps {
  onLoadMore: () => void;
  loading: boolean;
  /** Load when scrolled into view; off after a failure, so it is not retried in a loop. */
  auto?: boolean;
}

/** A "Load more" button that also presses itself when scrolled into view. */
export function LoadMore({ onLoadMore, loading, auto = true }: LoadMoreProps) {
  const ref = useRef<HTMLDivElement>(null);
  useWhenVisible(ref, onLoadMore, auto && !loading);
  return (
    <Center ref={ref} py="md">
      <BusyButton variant="light" busy={loading} onClick={onLoadMore}>
        Load more accounts
      </BusyButton>
    </Center>
  );
}

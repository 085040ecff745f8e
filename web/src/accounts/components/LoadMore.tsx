import { useRef } from 'react';
import { Button, Center } from '@mantine/core';
import { useWhenVisible } from './useWhenVisible';

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
      <Button variant="light" loading={loading} onClick={onLoadMore}>
        Load more accounts
      </Button>
    </Center>
  );
}

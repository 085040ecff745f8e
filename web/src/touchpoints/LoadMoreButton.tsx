import { useRef } from 'react';
import { Center } from '@mantine/core';
import { BusyButton } from '../app/BusyButton';
import { useWhenVisible } from '../accounts/components/useWhenVisible';

interface LoadMoreButtonProps {
  label: string;
  onLoadMore: () => void;
  loading: boolean;
  /** Also load when scrolled into view (infinite scroll); off after a failure, so it is not retried in a loop. */
  auto?: boolean;
}

/** A visible "Load more" button that, with `auto`, presses itself when scrolled into view. */
export function LoadMoreButton({ label, onLoadMore, loading, auto = false }: LoadMoreButtonProps) {
  const ref = useRef<HTMLDivElement>(null);
  useWhenVisible(ref, onLoadMore, auto && !loading);
  return (
    <Center ref={ref} py="sm">
      <BusyButton variant="light" busy={loading} onClick={onLoadMore}>
        {label}
      </BusyButton>
    </Center>
  );
}

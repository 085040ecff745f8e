import { useLayoutEffect, useRef } from 'react';
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
  useFocusOnFirstNewItem(ref);
  return (
    <Center ref={ref} py="sm">
      <BusyButton variant="light" busy={loading} onClick={onLoadMore}>
        {label}
      </BusyButton>
    </Center>
  );
}

/**
 * The last page loaded takes the button away: if it held the keyboard focus, the focus goes to the first item
 * of that page, not to the page's body (found by exploratory testing: the next Tab started again at the top).
 * Run as the button leaves (a layout effect's cleanup, while it is still in the page), and once the new items are in.
 */
function useFocusOnFirstNewItem(ref: React.RefObject<HTMLDivElement | null>) {
  useLayoutEffect(() => {
    const box = ref.current;
    return () => {
      if (!box?.contains(document.activeElement)) return;
      const list = box.parentElement?.querySelector<HTMLElement>('ol, ul, tbody');
      if (!list) return;
      const before = list.children.length;
      setTimeout(() => {
        const next = (list.children[before] ?? list.lastElementChild) as HTMLElement | null;
        if (!next || !next.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
        if (!next.hasAttribute('tabindex')) next.tabIndex = -1;
        next.focus();
      });
    };
  }, [ref]);
}

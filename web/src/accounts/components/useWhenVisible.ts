import { useEffect, useRef, type RefObject } from 'react';

/**
 * Calls `onVisible` when the element comes near the viewport, while `enabled`.
 * Does nothing where IntersectionObserver does not exist (old browsers, jsdom):
 * the caller keeps a button for that.
 */
export function useWhenVisible(ref: RefObject<Element | null>, onVisible: () => void, enabled: boolean): void {
  const latest = useRef(onVisible);
  useEffect(() => {
    latest.current = onVisible;
  });

  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, enabled]);
}

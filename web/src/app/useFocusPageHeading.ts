import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/** How long a new page may take to show its h1 (it may wait for its data) before the focus is left where it is. */
const WAIT_FOR_HEADING_MS = 10_000;

/** Someone typing there (the header's search-as-you-type navigates): the focus is theirs. */
function isTyping(element: Element | null): boolean {
  return !!element && (element.matches('input, textarea, select') || (element as HTMLElement).isContentEditable);
}

/**
 * After a client-side navigation to another page, moves the focus to the new page's h1 (made focusable
 * with tabIndex -1), so a keyboard or screen-reader user learns the page changed: otherwise the focus
 * stays on what they chose it with (the Manage menu's button) or falls to the top of the document.
 * Not on the first load (the browser starts at the top), not when only the query string or hash
 * changes (a tab, a filter). The h1 may come only once the page's data has: it is waited for, and
 * the focus is only moved if it is still where the navigation left it (or lost) by then.
 */
export function useFocusPageHeading(main: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const container = main.current;
    if (!container) return;
    const leftOn = document.activeElement;
    if (isTyping(leftOn)) return;
    const tryFocus = (): boolean => {
      const heading = container.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      const now = document.activeElement;
      // Moved on meanwhile (a click, Tab): leave it.
      if (now && now !== document.body && now !== leftOn) return true;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) stop();
    });
    const timer = setTimeout(() => stop(), WAIT_FOR_HEADING_MS);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(container, { childList: true, subtree: true });
    return stop;
  }, [pathname, main]);
}

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Table } from '@mantine/core';

interface ScrollTableProps {
  /** What the table shows: the name of the scrolling region, e.g. "Source records". */
  label: string;
  /** Below this width the table scrolls sideways rather than squeezing its columns. */
  minWidth?: number;
  /** The table. */
  children: ReactNode;
}

/**
 * The box a table scrolls sideways in when it is wider than the screen (a phone). A mouse or a
 * finger can scroll any box, a keyboard only one it can focus: while the table does not fit, the
 * box is a named region in the Tab order, scrolled with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable). While it fits, it is no stop for the Tab key.
 */
export function ScrollTable({ label, minWidth, children }: ScrollTableProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    // The box narrows with the window; the table widens with what it shows (a row, the evidence opened).
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    // Positioned: visually hidden text in a cell (absolute) stays in the box instead of widening the page beside it.
    <Table.ScrollContainer ref={box} type="native" minWidth={minWidth ?? 0} style={{ position: 'relative' }} {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}>
      {children}
    </Table.ScrollContainer>
  );
}

import { useEffect, type RefObject } from 'react';

/** The fields a form may start with (a radio group's first radio included). */
const FIELD = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/**
 * When a form appears, moves the focus to its first field. The control that opened it often goes
 * (an Edit button hidden while editing) or is far from it (a table row under a form at the top of
 * the page): the focus fell to the page's body (found by exploratory testing). focus() also
 * scrolls the field into view.
 */
export function useFocusFirstField(form: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    form.current?.querySelector<HTMLElement>(FIELD)?.focus();
  }, [form]);
}

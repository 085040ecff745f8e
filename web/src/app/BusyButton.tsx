import type { ComponentPropsWithRef } from 'react';
import { Button, Loader, type ButtonProps } from '@mantine/core';

type BusyButtonProps = Omit<ButtonProps, 'loading'> & Omit<ComponentPropsWithRef<'button'>, keyof ButtonProps> & {
  /** Its action runs: presses are ignored and a loader shows. */
  busy: boolean;
};

/**
 * A button that keeps the keyboard focus while its action runs. Mantine's `loading` disables the
 * button, and a disabled button drops the focus to the page's body: the next Tab started again at the
 * top of the page (found by exploratory testing). Busy, this one stays focusable and says so instead
 * (aria-disabled, aria-busy, a loader before its label) and ignores presses, a form's submit included.
 */
export function BusyButton({ busy, onClick, leftSection, ...props }: BusyButtonProps) {
  return (
    <Button
      {...props}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      leftSection={busy ? <Loader size="1em" color="currentColor" aria-hidden /> : leftSection}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}

import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { cssVariablesResolver, theme } from './theme';

/**
 * Theme and styles, shared by the app and the component tests. The tests run
 * Mantine in its test mode (`env="test"`): menus and popovers open at once,
 * without a transition whose timers a busy machine can hold back past a
 * test's wait (a menu left open but still hidden failed tests in CI).
 */
export function UiProvider({ children, env = 'default' }: { children: ReactNode; env?: 'default' | 'test' }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" env={env}>
      {children}
    </MantineProvider>
  );
}

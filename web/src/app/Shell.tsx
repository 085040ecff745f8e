import { useRef } from 'react';
import { Outlet } from 'react-router';
import { AppShell, Container } from '@mantine/core';
import { Header } from './Header';
import { useFocusPageHeading } from './useFocusPageHeading';

/** Below 48em the header has two rows (Header.module.css): the name and navigation, then the search. */
const HEADER_HEIGHT_NARROW = 104;

/** The frame of every page: the header (banner) and the page in the main landmark, whose h1 takes the focus when another page is chosen. */
export function Shell() {
  const main = useRef<HTMLElement>(null);
  useFocusPageHeading(main);
  return (
    <AppShell header={{ height: { base: HEADER_HEIGHT_NARROW, sm: 64 } }} padding="md">
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Main ref={main}>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

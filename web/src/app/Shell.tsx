import { Outlet } from 'react-router';
import { AppShell, Container } from '@mantine/core';
import { Header } from './Header';

/** The frame of every page: the header (banner) and the page in the main landmark. */
export function Shell() {
  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

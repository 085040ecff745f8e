import { Link, NavLink, useLocation } from 'react-router';
import { Anchor, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useSignedInColleague } from '../auth/AuthGate';
import { SignOutButton } from '../auth/SignOutButton';
import { MATCH_REVIEWS_PATH } from '../identity/paths';
import { REJECTED_ITEMS_PATH, WAITING_ITEMS_PATH } from '../ingest/paths';
import { NoticesBell } from '../notices/NoticesBell';
import { HeaderSearch } from './HeaderSearch';
import classes from './Header.module.css';

/** Who is signed in (name and division), and the way out. */
function SignedInAs() {
  const colleague = useSignedInColleague();
  return (
    <Group gap="sm" wrap="nowrap">
      <Box className={classes.colleague}>
        <Text size="sm" fw={500} truncate>
          {colleague.name}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {colleague.division.name}
        </Text>
      </Box>
      <SignOutButton />
    </Group>
  );
}

/** The pages that keep the shared data right, by role: match reviews (managers and admins), rejected and waiting items and the catalogue (admins). */
function stewardPages(role: string): { to: string; label: string }[] {
  if (role === 'REP') return [];
  const pages = [{ to: MATCH_REVIEWS_PATH, label: 'Match reviews' }];
  if (role === 'ADMIN') pages.push({ to: REJECTED_ITEMS_PATH, label: 'Rejected items' }, { to: WAITING_ITEMS_PATH, label: 'Waiting items' }, { to: '/admin/critical-info', label: 'Critical-info catalogue' });
  return pages;
}

/** One menu for the steward pages, so the header keeps its room for the search on narrow screens. */
function StewardMenu() {
  const colleague = useSignedInColleague();
  const { pathname } = useLocation();
  const pages = stewardPages(colleague.role);
  if (pages.length === 0) return null;
  const current = pages.some((p) => pathname.startsWith(p.to));
  return (
    // No focus placeholder inside the menu: axe refuses a role="presentation" child of role="menu" (aria-required-children),
    // and the keyboard should land on the first item, as the menu button pattern has it.
    <Menu position="bottom-start" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <UnstyledButton className={classes.navLink} fz="md" ml="md" data-current={current || undefined}>
          Manage <span aria-hidden="true">▾</span>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {pages.map((p) => (
          <Menu.Item key={p.to} component={Link} to={p.to} aria-current={pathname.startsWith(p.to) ? 'page' : undefined}>
            {p.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * Product name, main navigation, the account search, the notices bell and the signed-in colleague.
 * One row from 48em (768 px); below, two (Header.module.css): the name and the navigation, then the
 * search with the bell and the way out, so that on a phone nothing lies on top of the Manage menu.
 * The order on screen is the order in the page, for the Tab key.
 */
export function Header() {
  return (
    <div className={classes.header}>
      <Group gap="lg" wrap="nowrap" className={classes.brand}>
        <Anchor component={Link} to="/" className={classes.product} underline="never">
          OurCustomer
        </Anchor>
        <nav aria-label="Main">
          <Anchor component={NavLink} to="/accounts" className={classes.navLink} underline="hover">
            Accounts
          </Anchor>
          <StewardMenu />
        </nav>
      </Group>
      <Group gap="lg" wrap="nowrap" justify="flex-end" className={classes.tools}>
        <HeaderSearch />
        <NoticesBell />
        <SignedInAs />
      </Group>
    </div>
  );
}

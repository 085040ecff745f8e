import { Link, NavLink } from 'react-router';
import { Anchor, Box, Group, Text } from '@mantine/core';
import { useSignedInColleague } from '../auth/AuthGate';
import { SignOutButton } from '../auth/SignOutButton';
import { MATCH_REVIEWS_PATH } from '../identity/paths';
import { REJECTED_ITEMS_PATH } from '../ingest/paths';
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

/** Links to the pages only managers and admins use. */
function AdminLinks() {
  const colleague = useSignedInColleague();
  if (colleague.role === 'REP') return null;
  return (
    <>
      <Anchor component={NavLink} to={MATCH_REVIEWS_PATH} className={classes.navLink} underline="hover" ml="md">
        Match reviews
      </Anchor>
      {colleague.role === 'ADMIN' && (
        <>
          <Anchor component={NavLink} to={REJECTED_ITEMS_PATH} className={classes.navLink} underline="hover" ml="md">
            Rejected items
          </Anchor>
          <Anchor component={NavLink} to="/admin/critical-info" className={classes.navLink} underline="hover" ml="md">
            Critical-info catalogue
          </Anchor>
        </>
      )}
    </>
  );
}

/** Product name, main navigation, the account search, the notices bell and the signed-in colleague. */
export function Header() {
  return (
    <Group h="100%" px="md" gap="lg" wrap="nowrap" justify="space-between">
      <Group gap="lg" wrap="nowrap">
        <Anchor component={Link} to="/" className={classes.product} underline="never">
          OurCustomer
        </Anchor>
        <nav aria-label="Main">
          <Anchor component={NavLink} to="/accounts" className={classes.navLink} underline="hover">
            Accounts
          </Anchor>
          <AdminLinks />
        </nav>
      </Group>
      <Group gap="lg" wrap="nowrap" justify="flex-end" style={{ flex: 1, minWidth: 0 }}>
        <HeaderSearch />
        <NoticesBell />
        <SignedInAs />
      </Group>
    </Group>
  );
}

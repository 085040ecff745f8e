import { Link, NavLink } from 'react-router';
import { Anchor, Group } from '@mantine/core';
import { HeaderSearch } from './HeaderSearch';
import classes from './Header.module.css';

/** Product name, main navigation and the account search. */
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
        </nav>
      </Group>
      <HeaderSearch />
    </Group>
  );
}

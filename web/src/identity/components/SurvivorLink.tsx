import { Anchor } from '@mantine/core';
import { Link, useInRouterContext } from 'react-router';

/**
 * After a refusal of a change to an account merged away (the API names the survivor at the end of the merge chain in
 * extensions.mergedIntoId, see mergedIntoIdOf): a link to the account it was merged into, beside the server's words,
 * where the change can be made if it still holds. Found in the team's notes: the server now refuses every change to a
 * merged-away account (a watch, an assertion) where it used to act on the survivor silently.
 */
export function SurvivorLink({ id }: { id: string }) {
  // Outside a router (a panel shown on its own) a plain link: react-router's Link needs one.
  const routed = useInRouterContext();
  const label = 'Open the account it was merged into';
  return routed ? (
    <Anchor component={Link} to={`/accounts/${id}`} c="inherit" underline="always" size="inherit">
      {label}
    </Anchor>
  ) : (
    <Anchor href={`/accounts/${id}`} c="inherit" underline="always" size="inherit">
      {label}
    </Anchor>
  );
}

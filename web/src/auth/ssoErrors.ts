/**
 * What the sign-in page says for each `?error=` code a failed single sign-on comes back with (SsoErrorCode in
 * server/src/auth/oidc.service.ts). Only these words are shown: text taken from the address let a link make the
 * page say whatever its sender liked.
 */
const SSO_ERRORS: Record<string, string> = {
  'not-configured': 'Single sign-on is not configured on this hub.',
  unreachable: 'The identity provider cannot be reached right now; try again or sign in with your password.',
  refused: 'The identity provider refused the sign-on; try again or sign in with your password.',
  unverified: 'The identity provider’s answer could not be verified; please try again.',
  expired: 'The sign-on took too long or was started in another browser; please start again.',
  'no-email': 'The identity provider did not confirm an email address for you.',
  'no-division': 'Your account names no division of the hub; ask an admin to add you.',
  changed: 'Your colleague record changed while signing in; please try again.',
};

const GENERAL = 'Single sign-on failed; please try again or sign in with your password.';

/** The message for an `?error=` code; an unknown one (or any other text) gets the general message. */
export function ssoErrorMessage(code: string | null): string | null {
  if (code === null) return null;
  return Object.hasOwn(SSO_ERRORS, code) ? SSO_ERRORS[code] : GENERAL;
}

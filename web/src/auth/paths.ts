/** Where the sign-in page lives, and where it goes back to afterwards. */
export const SIGN_IN_PATH = '/sign-in';
export const DEFAULT_NEXT = '/accounts';

/**
 * The page to open after signing in: a path of this app only (never another
 * site: `//evil.example` or `https://…` would be an open redirect), and never
 * the sign-in page itself.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return DEFAULT_NEXT;
  const path = next.split(/[?#]/, 1)[0];
  if (path === SIGN_IN_PATH || path.startsWith(`${SIGN_IN_PATH}/`)) return DEFAULT_NEXT;
  return next;
}

/** `/sign-in?next=<path+search>`: the sign-in page, coming back to `next` afterwards. */
export function signInUrl(next?: string): string {
  return next && safeNext(next) === next ? `${SIGN_IN_PATH}?${new URLSearchParams({ next })}` : SIGN_IN_PATH;
}

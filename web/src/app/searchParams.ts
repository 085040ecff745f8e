/** Where the accounts list lives, and how a search term is put in its URL. */
export const ACCOUNTS_PATH = '/accounts';

export function isAccountsPath(pathname: string): boolean {
  return pathname === '/' || pathname === ACCOUNTS_PATH || pathname === `${ACCOUNTS_PATH}/`;
}

/** `/accounts?search=…`, or `/accounts` for a blank term. */
export function accountsSearchUrl(term: string): { pathname: string; search: string } {
  const trimmed = term.trim();
  return { pathname: ACCOUNTS_PATH, search: trimmed ? `?${new URLSearchParams({ search: trimmed })}` : '' };
}

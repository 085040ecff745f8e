/**
 * What a colleague typed and had not saved when their session ended (expired, revoked, signed out in another
 * tab): kept in this tab's sessionStorage until they are back from signing in, then offered again in the form
 * it came from. Only form text (values, notes, reasons): never a password or a token. Each draft is the
 * colleague's own (their id is in its key): another colleague signing in on this tab gets none of them.
 *
 * sessionStorage may be missing or full (private modes, quotas): then nothing is kept, and nothing fails.
 */

const DRAFT_PREFIX = 'ourcustomer.draft:';
const SESSION_ENDED = 'ourcustomer.sessionEnded';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function attempt(action: (store: Storage) => void): void {
  const store = storage();
  if (!store) return;
  try {
    action(store);
  } catch {
    // Full or refused: the draft is not kept, as before.
  }
}

/** The storage key of one form's draft for one colleague (null: not known, outside the auth gate). */
export function draftKey(colleagueId: string | null, name: string): string {
  return `${DRAFT_PREFIX}${colleagueId ?? 'anyone'}:${name}`;
}

/** The draft kept under `key`, if any. */
export function readDraft<T>(key: string): T | undefined {
  try {
    const text = storage()?.getItem(key);
    return text == null ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, value: unknown): void {
  attempt((store) => store.setItem(key, JSON.stringify(value)));
}

export function dropDraft(key: string): void {
  attempt((store) => store.removeItem(key));
}

/** Forgets every kept draft but `colleagueId`'s (another colleague signed in on this tab); with none, every draft. */
export function dropDraftsExcept(colleagueId: string | null): void {
  attempt((store) => {
    const mine = colleagueId == null ? null : draftKey(colleagueId, '');
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => !!k && k.startsWith(DRAFT_PREFIX) && (mine == null || !k.startsWith(mine)));
    for (const key of keys) store.removeItem(key);
  });
}

/** The API refused an operation for want of a session: the forms about to close keep what was typed in them. */
export function markSessionEnded(): void {
  attempt((store) => store.setItem(SESSION_ENDED, '1'));
}

/** True from the moment the session ended until someone is signed in again. */
export function sessionHasEnded(): boolean {
  try {
    return storage()?.getItem(SESSION_ENDED) === '1';
  } catch {
    return false;
  }
}

export function clearSessionEnded(): void {
  attempt((store) => store.removeItem(SESSION_ENDED));
}

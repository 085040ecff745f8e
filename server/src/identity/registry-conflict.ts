import { EntityManager } from 'typeorm';
import { GivenRegistryId, registryIdsOf } from '../accounts/accounts.repository';
import { registryKind } from '../matching/account-scoring';
import { COURT_SEPARATOR, registryNumber, sameCourt } from '../matching/normalize/registry-id';

/** The registry ids one account gives, as its records wrote them: those written first first, then by the ids normalized. */
export interface AccountRegistryIds {
  accountId: string;
  name: string;
  registryIds: string[];
}

/**
 * Two accounts that each give registry ids, none of one being the other's: a person about to merge them sees two legal
 * entities, maybe. `sameKind`: two of the ids are of one kind (letter prefix and digit count, as matching compares
 * them) and differ, which matching takes for two legal entities (a veto); else the ids are of different kinds (a
 * register number and a VAT id), which one company may give, or two.
 */
export interface RegistryConflict {
  sameKind: boolean;
  accounts: [AccountRegistryIds, AccountRegistryIds];
}

/** How many ids of each account the refusal names; its extensions carry them all. */
const NAMED_IDS = 3;

/**
 * Whether two ids (as normalizeRegistryId keeps them: upper-case letters and digits) are one id written two ways: the
 * same after their leading letters, where one's letters end with the other's ("DE123456789" / "123456789",
 * "VATNOGB111222333" / "GB111222333": a label before the id) and a number standing alone has 8 digits or more (a bare
 * "4711" may be any court's HRB 4711). Greece's VAT prefix is EL or GR; Norway's VAT ids may end in MVA. Found in
 * review: only a bare number was taken for one id, so one company's "USt-IdNr. DE…" and "DE …" were refused as two.
 * "HRA12345" and "HRB12345" stay two; "HRB12345@MUNCHEN" and "HRB12345@HAMBURG" (one number at two courts) too, while
 * "HRB12345@MUNCHEN" and "HRB12345" are one.
 */
export function sameId(a: string, b: string): boolean {
  if (a === b) return true;
  // A German register number keeps its court (normalizeRegistryId): one number at two courts is two companies' ids;
  // with the court on one side only, or on neither, the numbers are compared (found in review: two courts were one id).
  const [na, courtA] = a.split(COURT_SEPARATOR);
  const [nb, courtB] = b.split(COURT_SEPARATOR);
  if (courtA !== undefined && courtB !== undefined && !sameCourt(courtA, courtB)) return false;
  if (na === nb) return true;
  const [pa, ra] = parts(na);
  const [pb, rb] = parts(nb);
  if (ra !== rb) return false;
  const [longer, shorter] = pa.length >= pb.length ? [pa, pb] : [pb, pa];
  if (!longer.endsWith(shorter)) return false;
  return shorter !== '' || /^\d{8,}/.test(ra);
}

function parts(id: string): [prefix: string, rest: string] {
  const [, prefix, rest] = /^([A-Z]*)(.*)$/.exec(id)!;
  return [prefix.replace(/EL$/, 'GR'), rest.replace(/(?<=\d)MVA$/, '')];
}

/**
 * The registry conflict between two accounts (null when there is none): the ids their source records give (and the
 * account's own registry_id, which is one of them), compared normalized. No conflict when either gives none, or when an
 * id of one is among the other's (shareAnId).
 */
export async function registryConflict(tx: EntityManager, firstId: string, secondId: string): Promise<RegistryConflict | null> {
  const given = await registryIdsOf(tx, [firstId, secondId]);
  const [first, second] = [given.get(firstId)!, given.get(secondId)!];
  if (first.length === 0 || second.length === 0) return null;
  if (shareAnId(first.map((r) => r.id), second.map((r) => r.id))) return null;
  const sameKind = first.some((a) => second.some((b) => registryKind(a.id) === registryKind(b.id)));
  const names = new Map<string, string>((await tx.query(`SELECT id, name FROM account WHERE id = ANY($1::uuid[])`, [[firstId, secondId]]) as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const of = (accountId: string, ids: GivenRegistryId[]): AccountRegistryIds => ({ accountId, name: names.get(accountId)!, registryIds: ids.map((x) => x.given) });
  return { sameKind, accounts: [of(firstId, first), of(secondId, second)] };
}

/**
 * Whether two accounts giving these ids (normalized) give one id: one of each is the same id (sameId), a register
 * number without its court counting at the court the account gives it with elsewhere (withCourtsKnown). The guard of a
 * person's merges (registryConflict) and of ingest's own (matching/registry-merge-guard.ts).
 */
export function shareAnId(first: readonly string[], second: readonly string[]): boolean {
  const [a, b] = [withCourtsKnown(first), withCourtsKnown(second)];
  return a.some((x) => b.some((y) => sameId(x, y)));
}

/**
 * An account's ids as compared with another's: a register number one of its records gives without its court is left
 * out where another gives it with one (the account says which court's it is), so "HRB12345" of one of its records is no
 * common id with another account's "HRB12345@HAMBURG" when it also gives "HRB12345@MUNCHEN".
 */
function withCourtsKnown(ids: readonly string[]): readonly string[] {
  const courted = new Set(ids.filter((id) => id.includes(COURT_SEPARATOR)).map(registryNumber));
  return ids.filter((id) => id.includes(COURT_SEPARATOR) || !courted.has(id));
}

function listed(ids: string[]): string {
  const named = ids.slice(0, NAMED_IDS);
  if (ids.length > NAMED_IDS) return `${named.join(', ')} and ${ids.length - NAMED_IDS} more`;
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/**
 * The refusal's sentences about the ids, each account named with its part (`roles`, in the order of
 * `conflict.accounts`): which gives which ids, and what ids of one kind or of different kinds say.
 */
export function registryConflictMessage(conflict: RegistryConflict, roles: [string, string]): string {
  const told = conflict.accounts.map((a, i) => `"${a.name}" (${roles[i]}) gives ${listed(a.registryIds)}`);
  const meaning = conflict.sameKind
    ? 'Two ids of one kind that differ are most likely two legal entities\' ids.'
    : 'Ids of different kinds may be one company\'s (its register number and its VAT id) or two companies\': check that they are one.';
  return `These accounts give different registry ids, and no id of one is the other's: ${told.join('; ')}. ${meaning}`;
}

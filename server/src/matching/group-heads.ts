import { EntityManager } from 'typeorm';
import { normalizeCompanyName } from './normalize/company-name';
import { withinOneEdit } from './normalize/similarity';

/**
 * Words by which a company's name says it heads a group: "Grumbleford Group plc", "Acme Holding AG", "Müller
 * Unternehmensgruppe", "Grupo Vasco SA". The first or last word of the name (normalizeCompanyName's tokens) that is one of these, or a German
 * compound ending in "gruppe" or "konzern".
 */
const GROUP_HEAD_WORDS: ReadonlySet<string> = new Set([
  'group', 'groupe', 'gruppe', 'grupo', 'gruppo', 'groep', 'grupa', 'koncern', 'konzern', 'holding', 'holdings', 'holdinggesellschaft',
]);
const GROUP_HEAD_ENDINGS = ['gruppe', 'konzern'] as const;

/**
 * The word by which a name marks its company as a group's head ("group", "holding", ...); null when it has none. Only
 * the first or last word of the name without its legal form counts: "Grupo Vasco S.A.", "Grumbleford Group plc". A
 * head word inside the name names a company of the group ("BMW Group Financial Services", "Acme Holdings Logistics",
 * "X Gruppe Service GmbH"), which must not take the top from the group's real head (found in review).
 */
export function groupHeadWord(name: string): string | null {
  const { tokens } = normalizeCompanyName(name);
  for (const word of new Set([tokens[0], tokens[tokens.length - 1]])) {
    if (word && (GROUP_HEAD_WORDS.has(word) || GROUP_HEAD_ENDINGS.some((e) => word.length > e.length && word.endsWith(e)))) return word;
  }
  return null;
}

/**
 * Whether a name marked as a group's head (groupHeadWord) names the group of a company: the rest of its name (the head
 * word taken away) is that company's name or words of it. "Siemens Group" and "Grumbleford Group plc" head the groups of
 * "Siemens Healthineers AG" and "Grumbleford Services Ltd"; "Boston Consulting Group" is a company's proper name that
 * ends in "Group", the group of neither its subsidiary "BCG Platinion" nor "Boston Scientific" (it took the top from them:
 * issue 4). A word one letter off counts (a typo); nothing left but the head word ("Holding AG") names no one's group.
 */
export function namesHeadOfGroup(head: string, member: string): boolean {
  const word = groupHeadWord(head);
  if (!word) return false;
  const { tokens } = normalizeCompanyName(head);
  const at = tokens[0] === word ? 0 : tokens.length - 1;
  let core = tokens.filter((_, i) => i !== at);
  // A compound alone ("Brennergruppe", "Brenner-Konzern" written as one word) names the group by its first part.
  const stem = GROUP_HEAD_ENDINGS.find((e) => word.endsWith(e) && word.length > e.length);
  if (core.length === 0 && stem) core = [word.slice(0, -stem.length)];
  if (core.length === 0) return false;
  const words = normalizeCompanyName(member).tokens;
  return core.every((t) => words.some((u) => u === t || (t.length >= 5 && u.length >= 5 && withinOneEdit(t, u))));
}

/** An account matching put on top of its group, above the company that headed it until then, or a company it took along. */
export interface GroupHeadChange {
  /** The account that now heads the group (new in this batch). */
  headId: string;
  /** The account that hangs under it now: the group's former head, or a company that hung under that head. */
  accountId: string;
  /** Its parent before: null for the former head (it had none). */
  formerParentId: string | null;
  reason: string;
}

/** The group heads matching put on top in each transaction, for the audit trail of the batch (see ingest.service.ts). */
const changes = new WeakMap<EntityManager, GroupHeadChange[]>();

/** The parents matching changed in this transaction (putGroupHeadsOnTop). */
export function groupHeadsPutOnTopNow(tx: EntityManager): GroupHeadChange[] {
  return changes.get(tx) ?? [];
}

/**
 * New accounts of a group hang under the group's head (account-linker.ts, hangUnderGroupHeads): the company that came
 * first. Which company that is depends on arrival order only, so a group's plc sent after its subsidiary became the
 * subsidiary's child (found by exploratory testing). A new account whose name marks it as the head of the group of the
 * head it was hung under (namesHeadOfGroup: "Grumbleford Group plc" above "Grumbleford Services Ltd", not "Boston
 * Consulting Group" above "BCG Platinion"), a head whose own name has no head word, takes its place: it has no parent and
 * the former head hangs under it. Never when a person decided the former head's parent (set or cleared it:
 * parent_decided_at). The accounts are taken in the order given (the batch's), one after the other: of two new group
 * heads, the first heads the group.
 * `fresh`: the accounts made in this batch that were hung under a group's head, with the names they were made with.
 */
export async function putGroupHeadsOnTop(tx: EntityManager, fresh: readonly { id: string; name: string }[]): Promise<void> {
  for (const account of fresh) {
    const word = groupHeadWord(account.name);
    if (!word) continue;
    const [top]: { id: string; name: string; decided: boolean }[] = await tx.query(
      `SELECT h.id, h.name, h.parent_decided_at IS NOT NULL AS decided FROM account a JOIN account h ON h.id = a.parent_id
        WHERE a.id = $1 AND h.parent_id IS NULL AND h.merged_into_id IS NULL`, [account.id]);
    if (!top || top.decided || groupHeadWord(top.name) || !namesHeadOfGroup(account.name, top.name)) continue;
    // Under the row lock the UPDATE takes, the former head is still on top, no person placed it and no merge took it
    // away meanwhile (matching holds only the account the new one was found beside, not the top of its chain).
    const reason = `"${account.name}" names a group's head ("${word}") and "${top.name}", the group's head until now, does not: it heads the group`;
    // When and why it moved, for the account page (Account.parentDecision).
    // In a WITH: an UPDATE's own RETURNING comes back from tx.query as [rows, count], never empty, so a former head no
    // longer on top still let the new one leave its place (found while adding takeCompaniesAlong).
    const moved: { id: string }[] = await tx.query(
      `WITH moved AS (UPDATE account SET parent_id = $1, parent_placed_at = now(), parent_reason = $3, parent_moved_by = NULL, updated_at = now()
        WHERE id = $2 AND parent_id IS NULL AND parent_decided_at IS NULL AND merged_into_id IS NULL RETURNING id) SELECT id FROM moved`,
      [account.id, top.id, reason]);
    if (moved.length === 0) continue;
    await tx.query(`UPDATE account SET parent_id = NULL, parent_placed_at = NULL, parent_reason = NULL, parent_moved_by = NULL WHERE id = $1`, [account.id]);
    const along = await takeCompaniesAlong(tx, account, top);
    changes.set(tx, [...groupHeadsPutOnTopNow(tx), { headId: account.id, accountId: top.id, formerParentId: null, reason }, ...along]);
  }
}

/**
 * The former head's companies go under the new head with it: matching hung them under the former head because it was
 * the group's head (hangUnderGroupHeads hangs every new company of a group under the top of its chain), so the group's
 * head now is theirs too; left where they were, they sat a level below their siblings that came later. A company a person
 * placed under the former head (parent_decided_at) stays there: the person chose that company, not the group's top, and
 * it stays in the group through it.
 */
async function takeCompaniesAlong(tx: EntityManager, head: { id: string; name: string }, former: { id: string; name: string }): Promise<GroupHeadChange[]> {
  const reason = `"${head.name}" heads the group of "${former.name}", under which matching had put this company: it hangs under the group's head`;
  const moved: { id: string }[] = await tx.query(
    `WITH moved AS (UPDATE account SET parent_id = $1, parent_placed_at = now(), parent_reason = $3, parent_moved_by = NULL, updated_at = now()
      WHERE parent_id = $2 AND id <> $1 AND parent_decided_at IS NULL AND merged_into_id IS NULL RETURNING id) SELECT id FROM moved ORDER BY id`,
    [head.id, former.id, reason]);
  return moved.map((m) => ({ headId: head.id, accountId: m.id, formerParentId: former.id, reason }));
}

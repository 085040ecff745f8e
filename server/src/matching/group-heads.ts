import { EntityManager } from 'typeorm';
import { normalizeCompanyName } from './normalize/company-name';

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

/** An account matching put on top of its group, above the company that headed it until then. */
export interface GroupHeadChange {
  /** The account that now heads the group (new in this batch). */
  headId: string;
  /** The account that headed the group before and now hangs under it. */
  accountId: string;
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
 * subsidiary's child (found by exploratory testing). A new account whose name marks it as a group's head (groupHeadWord)
 * hung under a head whose name does not takes its place: it has no parent and the former head hangs under it. Never
 * when a person decided the former head's parent (set or cleared it: parent_decided_at). The accounts are taken in
 * the order given (the batch's), one after the other: of two new group heads, the first heads the group.
 * `fresh`: the accounts made in this batch that were hung under a group's head, with the names they were made with.
 */
export async function putGroupHeadsOnTop(tx: EntityManager, fresh: readonly { id: string; name: string }[]): Promise<void> {
  for (const account of fresh) {
    const word = groupHeadWord(account.name);
    if (!word) continue;
    const [top]: { id: string; name: string; decided: boolean }[] = await tx.query(
      `SELECT h.id, h.name, h.parent_decided_at IS NOT NULL AS decided FROM account a JOIN account h ON h.id = a.parent_id
        WHERE a.id = $1 AND h.parent_id IS NULL AND h.merged_into_id IS NULL`, [account.id]);
    if (!top || top.decided || groupHeadWord(top.name)) continue;
    // Under the row lock the UPDATE takes, the former head is still on top, no person placed it and no merge took it
    // away meanwhile (matching holds only the account the new one was found beside, not the top of its chain).
    const reason = `"${account.name}" names a group's head ("${word}") and "${top.name}", the group's head until now, does not: it heads the group`;
    // When and why it moved, for the account page (Account.parentDecision).
    const moved: { id: string }[] = await tx.query(
      `UPDATE account SET parent_id = $1, parent_placed_at = now(), parent_reason = $3, parent_moved_by = NULL, updated_at = now()
        WHERE id = $2 AND parent_id IS NULL AND parent_decided_at IS NULL AND merged_into_id IS NULL RETURNING id`,
      [account.id, top.id, reason]);
    if (moved.length === 0) continue;
    await tx.query(`UPDATE account SET parent_id = NULL, parent_placed_at = NULL, parent_reason = NULL, parent_moved_by = NULL WHERE id = $1`, [account.id]);
    changes.set(tx, [...groupHeadsPutOnTopNow(tx), { headId: account.id, accountId: top.id, reason }]);
  }
}

import { EntityManager } from 'typeorm';
import { noticeCriticalInfoConflict } from '../notices/notice-producers';
import { criticalInfoSql } from './critical-info.repository';
import { CriticalInfoField } from './critical-info.types';
import { divisionValues, inConflict, newestFirst, StatusAssertion } from './status';
import { valueKey } from './value';

/**
 * A conflict as its notice names it: the account, the field, the resolution it follows and each division's value in
 * its normalised form (so that "Net 30" said again, or "net 30", is the same side: one notice per conflict).
 */
export function conflictOf(accountId: string, field: CriticalInfoField, history: readonly StatusAssertion[], sides: readonly StatusAssertion[]) {
  return {
    accountId, fieldId: field.id, fieldLabel: field.label, sinceResolutionId: history.find((a) => a.resolvesConflict)?.id ?? null,
    sides: sides.map((a) => ({ divisionId: a.divisionId, value: valueKey(field.type, a.value) })),
    assertionIds: sides.map((a) => a.id),
  };
}

/** The fields of these accounts in conflict now, as "account|field" (fields: the catalogue). */
export async function conflictsOf(tx: EntityManager, accountIds: string[], fields: CriticalInfoField[], now: Date) {
  const byPair = new Map<string, Awaited<ReturnType<typeof criticalInfoSql.assertionsOf>>>();
  for (const a of await criticalInfoSql.assertionsOf(tx, accountIds)) byPair.set(`${a.accountId}|${a.fieldId}`, [...(byPair.get(`${a.accountId}|${a.fieldId}`) ?? []), a]);
  const fieldById = new Map(fields.map((f) => [f.id, f]));
  const conflicts = new Map<string, { field: CriticalInfoField; history: StatusAssertion[]; sides: StatusAssertion[] }>();
  for (const [pair, all] of byPair) {
    const field = fieldById.get(pair.split('|')[1]);
    if (!field) continue;
    const history = all.filter((a) => a.assertedAt.getTime() <= now.getTime()).sort(newestFirst);
    const sides = divisionValues(history);
    if (inConflict(field, sides, now)) conflicts.set(pair, { field, history, sides });
  }
  return conflicts;
}

/**
 * A merge of two accounts puts their critical info together: where their divisions' values disagree, a conflict is
 * new (found by exploratory testing: Net 30 at one, Net 60 at the other, and nobody was told). Call `before` ahead of
 * the merge, then the function it returns once it is done: it tells the survivor's owners and watchers of each field in
 * conflict now that neither account had in conflict before, and answers the notices it wrote (the split undoing the
 * merge takes them back). `now`: the hub's Clock's, as every other reading of a conflict (the machine's read values
 * the hub's Clock calls past their window as in conflict, or its future ones as said).
 */
export async function noticeConflictsOfMerge(tx: EntityManager, survivorId: string, mergedId: string, now: Date): Promise<() => Promise<string[]>> {
  const fields = await criticalInfoSql.fields(tx, true);
  const before = new Set([...(await conflictsOf(tx, [survivorId, mergedId], fields, now)).keys()].map((pair) => pair.split('|')[1]));
  return async () => {
    const raised: string[] = [];
    for (const [pair, { field, history, sides }] of await conflictsOf(tx, [survivorId], fields, now)) {
      if (before.has(pair.split('|')[1])) continue;
      const written = await noticeCriticalInfoConflict(tx, conflictOf(survivorId, field, history, sides));
      raised.push(...written.map((w) => w.id));
    }
    return raised;
  };
}

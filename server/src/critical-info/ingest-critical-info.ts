import { EntityManager } from 'typeorm';
import { KnownAccountRecord, lockedAccountRecords } from '../ingest/account-writer';
import { BatchPlan, Planned } from '../ingest/batch-plan';
import { heldItems } from '../ingest/held-items.repository';
import { CriticalInfoRecordInput, IngestItemKind, IngestItemResult, IngestItemStatus } from '../ingest/ingest.types';
import { canonical, contentHash, Rejection, validatedInstant } from '../ingest/validation';
import { normalizeEmail } from '../matching/features';
import { criticalInfoSql, NewAssertion } from './critical-info.repository';
import { CriticalInfoField } from './critical-info.types';
import { noticeCriticalInfoConflict } from '../notices/notice-producers';
import { conflictOf, conflictsOf } from './conflict-notices';
import { checkValue, CriticalInfoType, CriticalValue, describeValue, sameValue, valueProblem } from './value';

/** A division system may be a little ahead of our clock; beyond this, a date in the future is a mistake. */
const CLOCK_SKEW_MS = 5 * 60_000;

type Outcome =
  | { status: IngestItemStatus.CREATED | IngestItemStatus.UNCHANGED; id: string | null; accountId: string; warnings: string[] }
  | { status: IngestItemStatus.REJECTED; field: string; reason: string };

/** A checked item, ready to be compared with what its system said before. */
interface Candidate {
  row: NewAssertion;
  field: CriticalInfoField;
  /** Null: the system did not say when (now), which only repeats the newest value it sent. */
  saidAt: Date | null;
  /** The item gave no date and is dated when the hub received it (it waited, or was rejected, and lands later). */
  datedByReceipt: boolean;
}

type Check = Candidate | { field: string; reason: string };

/** The key a critical-info item waits under (it has no externalId): the same item sent again replaces its waiting copy. */
export function criticalInfoWaitKey(input: CriticalInfoRecordInput): string {
  return `${input.accountExternalId}|${input.fieldKey}|${contentHash(canonical(input))}`;
}

/**
 * Lands a batch's critical-info items (and those that waited for an account
 * of this batch), after the accounts and touchpoints: items whose account has
 * not arrived wait; values that fail their field's checks become rejected
 * items (kept, with path and reason); the rest are written as assertions with
 * the division, system, author and source touchpoint as provenance.
 */
export async function landCriticalInfo(
  tx: EntityManager, divisionId: string, sourceSystem: string, items: Planned<CriticalInfoRecordInput>[], results: IngestItemResult[], plan: BatchPlan,
): Promise<void> {
  if (items.length === 0) return;
  const known = await lockedAccountRecords(tx, divisionId, sourceSystem, items.map((p) => p.input.accountExternalId));
  const ready = items.filter((p) => known.has(p.input.accountExternalId));
  await heldItems.wait(tx, divisionId, sourceSystem, items.filter((p) => !known.has(p.input.accountExternalId)).map((p) => {
    Object.assign(results[p.slot], { status: IngestItemStatus.WAITING, path: null, reason: `account "${p.input.accountExternalId}" of ${sourceSystem} has not arrived yet; this item lands when it does` });
    return { kind: IngestItemKind.CRITICAL_INFO, externalId: criticalInfoWaitKey(p.input), accountExternalId: p.input.accountExternalId, raw: p.input };
  }));
  await heldItems.forgetWaiting(tx, divisionId, sourceSystem, ready.map((p) => ({ kind: IngestItemKind.CRITICAL_INFO, externalId: criticalInfoWaitKey(p.input) })));
  const outcomes = await writeCriticalInfo(tx, divisionId, sourceSystem, ready.map((p) => p.input), known, plan.now, ready.map((p) => p.receivedAt));
  const rejected: { planned: Planned<CriticalInfoRecordInput>; rejection: Rejection }[] = [];
  ready.forEach((p, i) => {
    const o = outcomes[i];
    if (o.status === IngestItemStatus.REJECTED) {
      rejected.push({ planned: p, rejection: { kind: IngestItemKind.CRITICAL_INFO, externalId: null, path: `${p.path}.${o.field}`, reason: o.reason, raw: canonical(p.input), receivedAt: p.receivedAt } });
    } else {
      Object.assign(results[p.slot], { status: o.status, accountId: o.accountId, recordId: o.id, path: null, reason: null, warnings: [...(results[p.slot].warnings ?? []), ...o.warnings] });
    }
  });
  await routeRejections(tx, divisionId, sourceSystem, rejected, results, plan);
}

/**
 * Items of the batch join the batch's rejections (stored by the caller, or
 * re-reported by a re-processing); items that had waited are stored here.
 */
async function routeRejections(
  tx: EntityManager, divisionId: string, sourceSystem: string, rejected: { planned: Planned<CriticalInfoRecordInput>; rejection: Rejection }[],
  results: IngestItemResult[], plan: BatchPlan,
): Promise<void> {
  const ofBatch = rejected.filter((r) => r.planned.slot < plan.results.length);
  for (const { planned, rejection } of ofBatch) plan.rejections.push({ slot: planned.slot, rejection });
  const resumed = rejected.filter((r) => r.planned.slot >= plan.results.length);
  const kept = await heldItems.reject(tx, divisionId, sourceSystem, resumed.map((r) => r.rejection));
  resumed.forEach(({ planned, rejection }, i) => {
    Object.assign(results[planned.slot], { status: IngestItemStatus.REJECTED, reason: rejection.reason, path: rejection.path, rejectedItemId: kept[i].id });
  });
}

/**
 * Checks and writes critical-info items of accounts the hub knows. The same
 * value again from the same system (no newer date) is UNCHANGED; anything
 * else is a new assertion: nothing is overwritten. An item without a date is
 * said when the hub received it: `now`, or its `receivedAt` when it was kept
 * aside before (it waited for its account, or was rejected and is re-processed).
 */
export async function writeCriticalInfo(
  tx: EntityManager, divisionId: string, sourceSystem: string, inputs: CriticalInfoRecordInput[], accounts: Map<string, KnownAccountRecord>, now: Date,
  receivedAt: (Date | undefined)[] = [],
): Promise<Outcome[]> {
  const fields = new Map((await criticalInfoSql.fields(tx, true)).map((f) => [f.key, f]));
  const refs = inputs.filter((i) => fields.get(i.fieldKey)?.type === CriticalInfoType.STAKEHOLDER_REF && typeof i.value === 'string').map((i) => String(i.value).trim());
  // One after the other: a transaction is one connection, which runs one statement at a time anyway
  // (pg only queues overlapping queries, with a deprecation warning; pg 9 refuses them).
  const people = await criticalInfoSql.stakeholderRefs(tx, divisionId, sourceSystem, refs);
  const touchpoints = await criticalInfoSql.touchpointsByExternalId(tx, divisionId, sourceSystem, inputs.map((i) => i.sourceTouchpointExternalId).filter((t): t is string => !!t));
  const colleagues = await criticalInfoSql.colleaguesByEmail(tx, inputs.map((i) => normalizeEmail(i.assertedByEmail ?? '')).filter((e): e is string => !!e));
  // A colleague asserting one of these fields at this moment must see our value, or we theirs: both
  // write under the field's lock, so whoever comes second sees the conflict and raises its notice.
  await criticalInfoSql.lockAccountFields(tx, inputs.flatMap((i) => {
    const field = fields.get(i.fieldKey);
    return field ? [{ accountId: accounts.get(i.accountExternalId)!.accountId, fieldId: field.id }] : [];
  }));
  const said = await criticalInfoSql.sourceAssertions(tx, divisionId, sourceSystem, inputs.map((i) => accounts.get(i.accountExternalId)!.accountId));
  const history = new Map<string, { value: CriticalValue; assertedAt: Date }[]>();
  for (const s of said) (history.get(`${s.accountId}|${s.fieldId}`) ?? history.set(`${s.accountId}|${s.fieldId}`, []).get(`${s.accountId}|${s.fieldId}`)!).push(s);
  const created: NewAssertion[] = [];
  const checks = inputs.map((input, i) => check(input, fields.get(input.fieldKey), accounts.get(input.accountExternalId)!, now, sourceSystem, people, receivedAt[i]));
  const overruled = overruledIn(inputs, checks);
  const outcomes = inputs.map((input, i): Outcome => {
    const account = accounts.get(input.accountExternalId)!;
    const checked = overruled.get(i) ?? checks[i];
    if (!('row' in checked)) return { status: IngestItemStatus.REJECTED, ...checked };
    const touchpoint = input.sourceTouchpointExternalId ? touchpoints.get(input.sourceTouchpointExternalId) : undefined;
    const author = authorOf(input, colleagues, divisionId);
    Object.assign(checked.row, {
      divisionId, sourceSystem, sourceAccountRecordId: account.recordId, sourceTouchpointExternalId: input.sourceTouchpointExternalId ?? null, note: input.note?.trim() || null,
      sourceTouchpointId: touchpoint?.accountId === account.accountId ? touchpoint.id : null, colleagueId: author.colleagueId, assertedByEmail: author.email,
    });
    const before = history.get(`${account.accountId}|${checked.field.id}`) ?? [];
    if (repeats(checked, before)) return { status: IngestItemStatus.UNCHANGED, id: null, accountId: account.accountId, warnings: author.warnings };
    history.set(`${account.accountId}|${checked.field.id}`, [checked.row, ...before].sort((a, b) => b.assertedAt.getTime() - a.assertedAt.getTime()));
    created.push(checked.row);
    return { status: IngestItemStatus.CREATED, id: null, accountId: account.accountId, warnings: author.warnings };
  });
  const ids = await criticalInfoSql.insertAssertions(tx, created);
  await noticeConflicts(tx, created, [...fields.values()], now);
  let next = 0;
  return outcomes.map((o) => (o.status === IngestItemStatus.CREATED ? { ...o, id: ids[next++] } : o));
}

/**
 * Who said it: the colleague `assertedByEmail` names, linked only when they belong to the division the value is
 * asserted for (found by exploratory testing: Exhibits' system named Eve of Events, and the value showed "Eve
 * (Events)" under Exhibits); anyone else stays a bare email, and the item says so in a warning.
 */
function authorOf(input: CriticalInfoRecordInput, colleagues: Map<string, { id: string; divisionId: string; divisionKey: string }>, divisionId: string) {
  const email = normalizeEmail(input.assertedByEmail ?? '');
  const colleague = email ? colleagues.get(email) : undefined;
  if (!colleague || colleague.divisionId === divisionId) return { email, colleagueId: colleague?.id ?? null, warnings: [] };
  return {
    email, colleagueId: null,
    warnings: [`assertedByEmail "${email}" is a colleague of division "${colleague.divisionKey}", not of the division that sends this value: kept as the author's email, not linked to the colleague`],
  };
}

/**
 * A batch that gives one field of one account two different values for the
 * same instant (undated items are both "now") contradicts itself: the later
 * item holds and the earlier is rejected, so that which value is current
 * does not depend on chance and the same batch sent again changes nothing.
 * Undated items kept aside are dated when they were received: two of them
 * meet at one instant only when one batch sent both (that batch contradicted itself).
 */
function overruledIn(inputs: CriticalInfoRecordInput[], checks: Check[]): Map<number, Check> {
  const overruled = new Map<number, Check>();
  const later = new Map<string, Candidate>();
  for (let i = inputs.length - 1; i >= 0; i--) {
    const candidate = checks[i];
    if (!('row' in candidate)) continue;
    const key = `${inputs[i].accountExternalId}|${candidate.field.id}|${candidate.saidAt?.getTime() ?? 'now'}`;
    const holder = later.get(key);
    if (!holder) {
      later.set(key, candidate);
    } else if (!sameValue(candidate.field.type, candidate.row.value, holder.row.value)) {
      const when = candidate.datedByReceipt ? 'then (neither gives assertedAt)' : candidate.saidAt ? `at ${candidate.saidAt.toISOString()}` : 'now (neither gives assertedAt)';
      const batch = candidate.datedByReceipt ? `the batch it came in (received ${candidate.saidAt!.toISOString()})` : 'this batch';
      overruled.set(i, {
        field: 'value',
        reason: `a later item of ${batch} gives field "${candidate.field.key}" of account "${inputs[i].accountExternalId}" another value ${when}; `
          + 'one value per field and moment: the later item holds',
      });
    }
  }
  return overruled;
}

/**
 * The same value as the system's newest (no date given), or as one it sent at
 * or after the given date; an undated item dated when it was received also
 * repeats the system's newest value as of then (as an undated one does now).
 */
function repeats(candidate: Candidate, before: { value: CriticalValue; assertedAt: Date }[]): boolean {
  const same = (v: CriticalValue) => sameValue(candidate.field.type, v, candidate.row.value);
  if (candidate.saidAt === null) return before.length > 0 && same(before[0].value);
  const at = candidate.saidAt.getTime();
  if (before.some((b) => b.assertedAt.getTime() >= at && same(b.value))) return true;
  const then = candidate.datedByReceipt ? before.find((b) => b.assertedAt.getTime() <= at) : undefined;
  return then !== undefined && same(then.value);
}

function check(
  input: CriticalInfoRecordInput, field: CriticalInfoField | undefined, account: KnownAccountRecord, now: Date, sourceSystem: string,
  people: Map<string, { id: string; accountIds: string[] }>, receivedAt?: Date,
): Check {
  if (!field) return { field: 'fieldKey', reason: `fieldKey "${input.fieldKey}" is not a field of the critical-info catalogue (see the criticalInfoFields query)` };
  if (field.retiredAt) return { field: 'fieldKey', reason: `fieldKey "${field.key}" names a field retired on ${field.retiredAt.toISOString().slice(0, 10)}: it takes no new values` };
  const given = input.assertedAt ? validatedInstant(input.assertedAt) : null;
  if (given && given.getTime() > now.getTime() + CLOCK_SKEW_MS) return { field: 'assertedAt', reason: `assertedAt ${given.toISOString()} is in the future; send when the value was learned` };
  const saidAt = given ?? receivedAt ?? null;
  const value = checkValue(field, input.value);
  if (!value.ok) return { field: 'value', reason: `value must be ${valueProblem(field, value)}` };
  let stored = value.value;
  if (field.type === CriticalInfoType.STAKEHOLDER_REF) {
    const ref = String(stored);
    const person = [people.get(ref), people.get(`contact:${ref}`)].find((p) => p?.accountIds.includes(account.accountId));
    if (!person) {
      const expected = `a stakeholder of this account (its id, or the externalId of a contact of ${sourceSystem} filed under it)`;
      return { field: 'value', reason: `value must be ${valueProblem(field, { expected, got: describeValue(input.value) })}` };
    }
    stored = person.id;
  }
  const datedByReceipt = !given && !!receivedAt;
  return { field, saidAt, datedByReceipt, row: { accountId: account.accountId, fieldId: field.id, value: stored, divisionId: '', colleagueId: null, assertedAt: saidAt ?? now } };
}

/**
 * Values from division systems can disagree as much as colleagues can: after/**
 * Values from division systems can disagree as much as colleagues can: after
 * landing, every field this batch wrote to is checked (one statement for all
 * its accounts) and a new conflict tells the account's owners and watchers.
 */
async function noticeConflicts(tx: EntityManager, created: NewAssertion[], fields: CriticalInfoField[], now: Date): Promise<void> {
  if (created.length === 0) return;
  const touched = new Set(created.map((r) => `${r.accountId}|${r.fieldId}`));
  for (const [pair, { field, history, sides }] of await conflictsOf(tx, [...new Set(created.map((r) => r.accountId))], fields, now)) {
    if (!touched.has(pair)) continue;
    await noticeCriticalInfoConflict(tx, conflictOf(pair.split('|')[0], field, history, sides));
  }
}

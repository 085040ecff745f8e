import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLError } from 'graphql';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditService } from '../audit/audit.service';
import { TOUCHPOINT_CONTENT, visibleContent } from '../auth/confidentiality';
import { Principal } from '../auth/principal';
import { ColleagueRole } from '../colleagues/colleague.entity';
import { ConflictError, NotFoundError, UserInputError } from '../common/errors';
import { isUuid } from '../common/ids';
import { Loaders } from '../common/loaders';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { announceCatalogueChange } from '../live/announce';
import { StakeholdersRepository } from '../stakeholders/stakeholders.repository';
import { Touchpoint } from '../touchpoints/touchpoint.types';
import { CriticalInfoCatalogue } from './catalogue';
import { Clock } from './clock';
import { criticalInfoSql, FieldValues, NewAssertion } from './critical-info.repository';
import {
  AccountCriticalInfo, AssertCriticalInfoInput, AssertCriticalInfoPayload, CreateCriticalInfoFieldInput, CriticalInfoAssertion, CriticalInfoEntry,
  CriticalInfoField, CriticalInfoFieldPayload, QuestionToAsk, ResolveCriticalInfoConflictInput, UpdateCriticalInfoFieldInput,
} from './critical-info.types';
import { QUESTION_ORDER, questionText, SaidValue } from './questions';
import { completeness, CriticalInfoStatus, entryView, EntryView } from './status';
import { noticeCriticalInfoConflict } from '../notices/notice-producers';
import { conflictOf } from './conflict-notices';
import { checkValue, CriticalInfoType, CriticalValue, NO_NUMBER_RULE, NumberRule, valueProblem, valueText } from './value';

const ENUM_TYPES = new Set([CriticalInfoType.ENUM, CriticalInfoType.MULTI_ENUM]);
const MIN_OPTIONS = 2;
/** Bounds of a number rule beyond this are no bound a person means (and would print as 1e+30). */
const MAX_NUMBER_BOUND = 1e15;

/** An account as the views need it. */
export type AccountRef = Pick<Account, 'id' | 'lifecycleStage'>;

/** The request's DataLoaders through which the questions' wording reads names, batched with the rest of the request. */
export type NameLoaders = Pick<Loaders, 'division' | 'stakeholder'>;

/** Found values by key, from a `loadMany` in the order of `keys` (not found or failed: left out). */
function byKey<V>(keys: readonly string[], loaded: readonly (V | null | Error)[]): Map<string, V> {
  const found = new Map<string, V>();
  keys.forEach((key, i) => {
    const value = loaded[i];
    if (value !== null && !(value instanceof Error)) found.set(key, value);
  });
  return found;
}

/** A number rule only for NUMBER fields; its bounds are finite and in order. */
function checkedNumberRule(type: CriticalInfoType, rule: Partial<NumberRule> | null | undefined): NumberRule {
  const given = { wholeNumbers: rule?.wholeNumbers ?? false, minimum: rule?.minimum ?? null, maximum: rule?.maximum ?? null };
  const any = given.wholeNumbers || given.minimum !== null || given.maximum !== null;
  if (type !== CriticalInfoType.NUMBER) {
    if (any) throw new UserInputError('input.numberRule', `no number rule for a field of type ${type} (only NUMBER fields have one)`);
    return NO_NUMBER_RULE;
  }
  for (const bound of ['minimum', 'maximum'] as const) {
    const n = given[bound];
    if (n !== null && (!Number.isFinite(n) || Math.abs(n) > MAX_NUMBER_BOUND)) throw new UserInputError(`input.numberRule.${bound}`, `a number from -10^15 to 10^15; got ${n}`);
  }
  if (given.minimum !== null && given.maximum !== null && given.minimum > given.maximum) {
    throw new UserInputError('input.numberRule', `a maximum not below the minimum; got minimum ${given.minimum} and maximum ${given.maximum}`);
  }
  return given;
}

/** The colleague behind a write: an assertion records who and which division. */
type Asserter = Extract<Principal, { kind: 'colleague' }>;

function asserter(principal: Principal): Asserter {
  if (principal.kind === 'colleague') return principal;
  throw new GraphQLError('Only a signed-in colleague asserts critical info in the hub: an assertion records who and which division. Division systems send values through ingest.', {
    extensions: { code: 'FORBIDDEN' },
  });
}

/** Managers and admins arbitrate between divisions (as they decide match reviews): they may assert and resolve on any account. */
function arbitrates(colleague: Asserter): boolean {
  return colleague.role === ColleagueRole.MANAGER || colleague.role === ColleagueRole.ADMIN;
}

/**
 * Whether a colleague may record values for an account's fields: managers and admins anywhere, others where they deal
 * with the account (`dealsWith`: see criticalInfoSql.accountsDealtWith). The integration token and the admin token never
 * (an assertion records who and which division; division systems send values through ingest).
 */
export function mayAssert(principal: Principal, dealsWith: boolean): boolean {
  return principal.kind === 'colleague' && (arbitrates(principal) || dealsWith);
}

/**
 * Whether a colleague may resolve a field's conflict: managers and admins on any account; a rep when their division
 * deals with the account and holds one of the conflicting values. A division with no part in the conflict does not
 * settle it (found by exploratory testing: a rep of a division that had never dealt with the customer overruled two that had).
 */
export function mayResolve(principal: Principal, dealsWith: boolean, entry: { status: CriticalInfoStatus; divisionValues: readonly { divisionId: string }[] }): boolean {
  if (principal.kind !== 'colleague' || entry.status !== CriticalInfoStatus.CONFLICT) return false;
  return arbitrates(principal) || (dealsWith && entry.divisionValues.some((a) => a.divisionId === principal.divisionId));
}

function typed(assertion: CriticalInfoAssertion, type: CriticalInfoType): CriticalInfoAssertion {
  return { ...assertion, type };
}

/** One field of one account as the API shows it. */
export function toEntry(accountId: string, field: CriticalInfoField, view: EntryView<CriticalInfoAssertion>): CriticalInfoEntry {
  const withType = (a: CriticalInfoAssertion) => typed(a, field.type);
  return {
    id: `${accountId}:${field.id}`, accountId, field, status: view.status, required: view.required, staleAt: view.staleAt,
    current: view.current ? withType(view.current) : null, divisionValues: view.divisionValues.map(withType), history: view.history.map(withType),
  };
}

/**
 * Critical info: the field catalogue (admins), assertions by colleagues (of the
 * divisions that deal with the account, and managers and admins: see mayAssert;
 * conflicts resolved by their parties or an arbiter: see mayResolve), and per account each field's value,
 * provenance, history and status, with completeness and questions to ask.
 * Division systems assert through ingest (see ingest-critical-info.ts), with
 * the same checks.
 */
@Injectable()
export class CriticalInfoService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly divisions: DivisionsRepository,
    private readonly stakeholders: StakeholdersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly catalogue: CriticalInfoCatalogue,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The catalogue in display order (from this process's copy, see CriticalInfoCatalogue). The field objects are shared and frozen. */
  async fields(includeRetired = false): Promise<CriticalInfoField[]> {
    return (await this.catalogue.all()).filter((f) => includeRetired || f.retiredAt === null);
  }

  /** A write of the catalogue: announced in its transaction to every instance, and this instance's copy dropped once it commits. */
  private async changeCatalogue<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (tx) => {
      // One catalogue change at a time: two admins giving two fields one label at the same moment would each find it free.
      await criticalInfoSql.lockCatalogue(tx);
      const done = await work(tx);
      await announceCatalogueChange(tx);
      return done;
    });
    this.catalogue.changed();
    return result;
  }

  // ------------------------------------------------------------ the catalogue (admins)

  async createField(principal: Principal, input: CreateCriticalInfoFieldInput): Promise<CriticalInfoFieldPayload> {
    const values = await this.checkedFieldValues(input.type, {
      label: input.label, whyCritical: input.whyCritical, howItHelps: input.howItHelps, options: input.options ?? [],
      requiredInStages: input.requiredInStages ?? [], stalenessDays: input.stalenessDays, divisionIds: input.divisionIds ?? [], position: 0,
      numberRule: { wholeNumbers: input.numberRule?.wholeNumbers ?? false, minimum: input.numberRule?.minimum ?? null, maximum: input.numberRule?.maximum ?? null },
    });
    return this.changeCatalogue(async (tx) => {
      const field = await criticalInfoSql.insertField(tx, input.key, input.type, { ...values, position: input.position ?? null });
      if (!field) throw new ConflictError(`A field with the key "${input.key}" exists already (keys of retired fields are not reused either).`);
      await this.checkLabelFree(tx, values.label, field.id);
      await this.audit.record(principal, { action: 'CREATE_CRITICAL_INFO_FIELD', targetType: 'CRITICAL_INFO_FIELD', targetId: field.id, after: field }, tx);
      return { field };
    });
  }

  async updateField(principal: Principal, input: UpdateCriticalInfoFieldInput): Promise<CriticalInfoFieldPayload> {
    return this.changeCatalogue(async (tx) => {
      const before = await this.lockedField(tx, input.id);
      const { id: _id, ...patch } = input;
      const merged = { ...before, numberRule: before.numberRule ?? NO_NUMBER_RULE, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null)) } as FieldValues;
      const values = await this.checkedFieldValues(before.type, merged);
      if (!before.retiredAt) await this.checkLabelFree(tx, values.label, before.id);
      const field = await criticalInfoSql.updateField(tx, before.id, values);
      await this.audit.record(principal, { action: 'UPDATE_CRITICAL_INFO_FIELD', targetType: 'CRITICAL_INFO_FIELD', targetId: field.id, before, after: field }, tx);
      return { field };
    });
  }

  /** Retires a field: it takes no new values and is left out of statuses, completeness and questions; its history stays. */
  async retireField(principal: Principal, id: string): Promise<CriticalInfoFieldPayload> {
    return this.setRetired(principal, id, true);
  }

  /** Puts a retired field back in use, with its history. */
  async restoreField(principal: Principal, id: string): Promise<CriticalInfoFieldPayload> {
    return this.setRetired(principal, id, false);
  }

  private async setRetired(principal: Principal, id: string, retire: boolean): Promise<CriticalInfoFieldPayload> {
    return this.changeCatalogue(async (tx) => {
      const before = await this.lockedField(tx, id);
      if (retire && before.retiredAt) throw new ConflictError(`The field "${before.key}" was already retired on ${before.retiredAt.toISOString()}.`);
      if (!retire && !before.retiredAt) throw new ConflictError(`The field "${before.key}" is in use, not retired.`);
      if (!retire) await this.checkRestorable(tx, before);
      const field = await criticalInfoSql.setRetired(tx, id, retire ? this.clock.now() : null);
      await this.audit.record(principal, {
        action: retire ? 'RETIRE_CRITICAL_INFO_FIELD' : 'RESTORE_CRITICAL_INFO_FIELD', targetType: 'CRITICAL_INFO_FIELD', targetId: id, before, after: field,
      }, tx);
      return { field };
    });
  }

  /**
   * Two fields in use with one label could not be told apart: on every account page two "Payment terms" headings,
   * and two buttons named "Edit Payment terms" (found by exploratory testing). Compared trimmed, case aside.
   */
  private async checkLabelFree(tx: EntityManager, label: string, self: string | null): Promise<void> {
    const clash = await this.labelClash(tx, label, self);
    if (clash) throw new UserInputError('input.label', `a label no other field in use has; "${clash.label}" is the label of the field "${clash.key}"`);
  }

  private async labelClash(tx: EntityManager, label: string, self: string | null): Promise<CriticalInfoField | undefined> {
    return (await criticalInfoSql.fields(tx, false)).find((f) => f.id !== self && f.label.trim().toLowerCase() === label.trim().toLowerCase());
  }

  /** A retired field comes back only under a label no field in use has taken since (it would be two fields alike again). */
  private async checkRestorable(tx: EntityManager, field: CriticalInfoField): Promise<void> {
    const clash = await this.labelClash(tx, field.label, field.id);
    if (clash) {
      throw new ConflictError(`The field "${field.key}" cannot be restored: its label "${field.label}" is now the label of the field "${clash.key}" in use. Rename one of them first.`);
    }
  }

  private async lockedField(tx: EntityManager, id: string): Promise<CriticalInfoField> {
    const field = isUuid(id) ? await criticalInfoSql.lockField(tx, id) : null;
    if (!field) throw new NotFoundError('Critical-info field');
    return field;
  }

  /** Options fit the type, stages are unique, divisions exist. */
  private async checkedFieldValues(type: CriticalInfoType, v: FieldValues): Promise<FieldValues> {
    const options = [...new Map(v.options.map((o) => o.trim()).filter((o) => o !== '').map((o) => [o.toLowerCase(), o])).values()];
    if (ENUM_TYPES.has(type) && options.length < MIN_OPTIONS) {
      throw new UserInputError('input.options', `${MIN_OPTIONS} or more different options for a field of type ${type}; got ${options.length}`);
    }
    if (!ENUM_TYPES.has(type) && options.length > 0) throw new UserInputError('input.options', `no options for a field of type ${type} (only ENUM and MULTI_ENUM have options)`);
    const numberRule = checkedNumberRule(type, v.numberRule);
    const divisionIds = [...new Set(v.divisionIds)];
    const known = await this.divisions.findByIds(divisionIds);
    const unknown = divisionIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UserInputError('input.divisionIds', `ids of existing divisions; unknown: ${unknown.join(', ')}`);
    return { ...v, label: v.label.trim(), whyCritical: v.whyCritical.trim(), howItHelps: v.howItHelps.trim(), options, divisionIds, requiredInStages: [...new Set(v.requiredInStages)], numberRule };
  }

  // ------------------------------------------------------------ assertions (colleagues)

  /** A colleague's value for a field of an account: checked, and kept with who, division, when and source. */
  async assert(principal: Principal, input: AssertCriticalInfoInput): Promise<AssertCriticalInfoPayload> {
    const colleague = asserter(principal);
    const { account, field, value, touchpointId } = await this.checkedAssertion(input, async (found) => {
      if (mayAssert(colleague, await this.dealsWith(colleague, found.id))) return;
      throw new GraphQLError(
        `Not allowed: the critical info of an account is recorded by colleagues of the divisions that deal with it (an account record of the division, `
        + `or a touchpoint you took part in), and by managers and admins; ${await this.divisionName(colleague.divisionId)} has no account record of this account `
        + 'and you took part in none of its touchpoints. Tell a colleague who deals with the customer, or a manager.',
        { extensions: { code: 'FORBIDDEN' } },
      );
    });
    return this.db.transaction(async (tx) => {
      await criticalInfoSql.lockAccountField(tx, account.id, field.id);
      await this.stillLive(tx, account.id);
      const row = { accountId: account.id, fieldId: field.id, value, divisionId: colleague.divisionId, colleagueId: colleague.id, sourceTouchpointId: touchpointId, note: input.note?.trim() || null, assertedAt: this.clock.now() };
      return this.write(tx, principal, account, field, row, 'ASSERT_CRITICAL_INFO');
    });
  }

  /** Ends a conflict with a new assertion that says which value holds and why; both sides stay in the history. */
  async resolveConflict(principal: Principal, input: ResolveCriticalInfoConflictInput): Promise<AssertCriticalInfoPayload> {
    const colleague = asserter(principal);
    const { account, field, value, touchpointId } = await this.checkedAssertion(input);
    const note = input.note.trim();
    if (note === '') throw new UserInputError('input.note', 'why this value holds (who confirmed it, where)');
    return this.db.transaction(async (tx) => {
      await criticalInfoSql.lockAccountField(tx, account.id, field.id);
      await this.stillLive(tx, account.id);
      const now = this.clock.now();
      const view = entryView(field, await criticalInfoSql.assertionsOfField(tx, account.id, field.id), account.lifecycleStage, now);
      if (view.status !== CriticalInfoStatus.CONFLICT) {
        throw new ConflictError(`The field "${field.key}" of this account is not in conflict (it is ${view.status}): assert the value with assertCriticalInfo instead.`);
      }
      if (!mayResolve(colleague, await this.dealsWith(colleague, account.id), view)) {
        const parties = [...new Set(view.divisionValues.map((a) => a.divisionId))];
        const names = await this.divisions.findByIds(parties);
        throw new GraphQLError(
          `Not allowed: a conflict on "${field.key}" is resolved by a manager or an admin, or by a colleague of a division that holds one of its values `
          + `and deals with the account (${parties.map((id) => names.get(id)?.name ?? 'a division').join(', ')}); `
          + `${await this.divisionName(colleague.divisionId)} is not one of them. Ask one of them, or a manager.`,
          { extensions: { code: 'FORBIDDEN' } },
        );
      }
      const row = {
        accountId: account.id, fieldId: field.id, value, divisionId: colleague.divisionId, colleagueId: colleague.id, sourceTouchpointId: touchpointId, note,
        resolvesConflict: true, resolvedAssertionIds: view.divisionValues.map((a) => a.id), assertedAt: now,
      };
      return this.write(tx, principal, account, field, row, 'RESOLVE_CRITICAL_INFO_CONFLICT');
    });
  }

  private async write(tx: EntityManager, principal: Principal, account: Account, field: CriticalInfoField, row: NewAssertion, action: string): Promise<AssertCriticalInfoPayload> {
    const [id] = await criticalInfoSql.insertAssertions(tx, [row]);
    await this.audit.record(principal, {
      action, targetType: 'ACCOUNT', targetId: account.id,
      after: { assertionId: id, field: field.key, value: row.value, sourceTouchpointId: row.sourceTouchpointId ?? null, note: row.note ?? null },
    }, tx);
    const view = entryView(field, await criticalInfoSql.assertionsOfField(tx, account.id, field.id), account.lifecycleStage, this.clock.now());
    if (view.status === CriticalInfoStatus.CONFLICT) {
      await noticeCriticalInfoConflict(tx, conflictOf(account.id, field, view.history, view.divisionValues));
    }
    const assertion = typed(view.history.find((a) => a.id === id)!, field.type);
    return { assertion, entry: toEntry(account.id, field, view), account };
  }

  /** Whether the colleague deals with the account (managers and admins need not: no statement for them). */
  private async dealsWith(colleague: Asserter, accountId: string): Promise<boolean> {
    if (arbitrates(colleague)) return true;
    return (await criticalInfoSql.accountsDealtWith(this.db, [accountId], colleague.divisionId, colleague.email)).has(accountId);
  }

  /**
   * Of these accounts, those the caller deals with (see criticalInfoSql.accountsDealtWith): one statement for all,
   * none for managers and admins (they may act on any account) nor for callers who are no colleague.
   */
  async accountsDealtWith(principal: Principal, accountIds: readonly string[]): Promise<Set<string>> {
    if (principal.kind !== 'colleague') return new Set();
    if (arbitrates(principal)) return new Set(accountIds);
    return criticalInfoSql.accountsDealtWith(this.db, accountIds, principal.divisionId, principal.email);
  }

  private async divisionName(id: string): Promise<string> {
    return (await this.divisions.findByIds([id])).get(id)?.name ?? 'your division';
  }

  /**
   * The account checked live again in the transaction writing for it, under the lock its row takes anyway
   * (AccountsRepository.lockForChange): a merge committing since checkedAssertion moved its assertions, and one written
   * now would stay with the merged-away account. Taken after the field's lock, where the insert's foreign key took it.
   */
  private async stillLive(tx: EntityManager, accountId: string): Promise<void> {
    if (!await this.accounts.lockForChange(tx, accountId, 'input.accountId')) throw new NotFoundError('Account');
  }

  private async checkedAssertion(
    input: { accountId: string; fieldKey: string; value: unknown; sourceTouchpointId?: string | null },
    authorize: (account: Account) => Promise<void> = async () => undefined,
  ) {
    // A merged-away account is refused naming its survivor: its critical info moved there, and the caller should know.
    const account = isUuid(input.accountId) ? await this.accounts.findForChange(input.accountId, 'input.accountId') : null;
    if (!account) throw new NotFoundError('Account');
    // Before the field, value and touchpoint are checked: someone refused was told the field's options, and whether a
    // touchpoint belongs to the account, before the refusal.
    await authorize(account);
    const field = await criticalInfoSql.fieldByKey(this.db, input.fieldKey);
    if (!field) throw new UserInputError('input.fieldKey', `the key of a field of the catalogue, e.g. "payment_terms"; "${input.fieldKey}" is none`);
    if (field.retiredAt) throw new UserInputError('input.fieldKey', `a field in use; "${field.key}" was retired on ${field.retiredAt.toISOString().slice(0, 10)}: it keeps its history but takes no new values`);
    const value = await this.checkedValue(account.id, field, input.value);
    const touchpointId = await this.checkedTouchpoint(account.id, input.sourceTouchpointId);
    return { account, field, value, touchpointId };
  }

  private async checkedValue(accountId: string, field: CriticalInfoField, raw: unknown): Promise<CriticalValue> {
    const check = checkValue(field, raw);
    if (!check.ok) throw new UserInputError('input.value', valueProblem(field, check));
    if (field.type !== CriticalInfoType.STAKEHOLDER_REF) return check.value;
    const id = isUuid(String(check.value)) ? await criticalInfoSql.stakeholderOfAccount(this.db, accountId, String(check.value)) : null;
    if (!id) throw new UserInputError('input.value', valueProblem(field, { expected: 'the id of a stakeholder of this account', got: `${JSON.stringify(check.value)}, which is none` }));
    return id;
  }

  private async checkedTouchpoint(accountId: string, id: string | null | undefined): Promise<string | null> {
    if (!id) return null;
    const found = isUuid(id) ? await criticalInfoSql.touchpoints(this.db, [{ accountId, id }]) : [];
    if (found.length === 0) throw new UserInputError('input.sourceTouchpointId', `the id of a touchpoint of this account; "${id}" is none`);
    // Nothing was learned yet in a meeting still to come (found by exploratory testing: "from the meeting on 14 Dec" in November).
    const at = new Date(found[0].occurredAt);
    if (at.getTime() > this.clock.now().getTime()) {
      throw new UserInputError('input.sourceTouchpointId', `a touchpoint that has happened; this one is planned for ${at.toISOString().slice(0, 10)}`);
    }
    return id;
  }

  // ------------------------------------------------------------ reading

  /** The critical info of many accounts at once (one statement for all: a DataLoader's batch). */
  async views(accounts: readonly AccountRef[], asOf: Date, includeRetired: boolean): Promise<AccountCriticalInfo[]> {
    const [fields, assertions] = await Promise.all([this.fields(true), criticalInfoSql.assertionsOf(this.db, accounts.map((a) => a.id))]);
    const byAccount = new Map<string, CriticalInfoAssertion[]>(accounts.map((a) => [a.id, []]));
    for (const a of assertions) byAccount.get(a.accountId)?.push(a);
    return accounts.map((account) => this.accountView(account, fields, byAccount.get(account.id) ?? [], asOf, includeRetired));
  }

  private accountView(account: AccountRef, fields: readonly CriticalInfoField[], assertions: CriticalInfoAssertion[], asOf: Date, includeRetired: boolean): AccountCriticalInfo {
    const all = fields.map((field) => ({ field, view: entryView(field, assertions, account.lifecycleStage, asOf) }));
    const score = completeness(all);
    const shown = all.filter((e) => includeRetired || e.field.retiredAt === null);
    return {
      id: account.id, stage: account.lifecycleStage, asOf, completeness: score.percent, requiredCount: score.required, completeCount: score.complete,
      missingCount: score.missing, staleCount: score.stale, conflictCount: score.conflicts, entries: shown.map((e) => toEntry(account.id, e.field, e.view)),
    };
  }

  /** One account's critical info as of `asOf` (default: now). */
  async forAccount(accountId: string, asOf?: Date): Promise<AccountCriticalInfo | null> {
    const account = isUuid(accountId) ? await this.accounts.findById(accountId) : null;
    return account ? (await this.views([account], asOf ?? this.clock.now(), false))[0] : null;
  }

  /** The missing, stale and conflicting fields of an account as questions to ask (for the briefing). */
  async questionsToAsk(accountId: string, asOf?: Date): Promise<QuestionToAsk[]> {
    const view = await this.forAccount(accountId, asOf);
    return view ? this.questions(view) : [];
  }

  /**
   * Source touchpoints by `accountId|id`, as the caller may see them: the
   * content of a confidential touchpoint of another division is withheld
   * (subject, summary, outcome null; contentHidden true); that it happened stays.
   */
  async sourceTouchpoints(principal: Principal, keys: { accountId: string; id: string }[]): Promise<Map<string, Touchpoint>> {
    const rows = await criticalInfoSql.touchpoints(this.db, keys);
    return new Map(visibleContent(principal, rows, TOUCHPOINT_CONTENT).map(({ sortKey: _sortKey, ...t }) => [`${t.accountId}|${t.id}`, t]));
  }

  /**
   * Questions from a computed view: conflicts, then missing, then stale, each in catalogue order.
   * Names of divisions and people through the request's DataLoaders when given (batched with the rest of the request).
   */
  async questions(view: AccountCriticalInfo, names?: NameLoaders): Promise<QuestionToAsk[]> {
    const open = QUESTION_ORDER.flatMap((status) => view.entries.filter((e) => e.status === status && e.field.retiredAt === null));
    const said = await this.sayer(open, names);
    return open.map((e) => ({
      id: e.id, field: e.field, reason: e.status, why: e.field.whyCritical,
      question: questionText({
        label: e.field.label, whyCritical: e.field.whyCritical, stalenessDays: e.field.stalenessDays, status: e.status,
        current: e.current ? said(e.current) : null, divisionValues: e.divisionValues.map(said),
      })!,
    }));
  }

  /** Turns assertions into "which division said what, when", with division and stakeholder names loaded once. */
  private async sayer(entries: CriticalInfoEntry[], names?: NameLoaders): Promise<(a: CriticalInfoAssertion) => SaidValue> {
    const asserted = entries.flatMap((e) => [...(e.current ? [e.current] : []), ...e.divisionValues]);
    const divisionIds = [...new Set(asserted.map((a) => a.divisionId))];
    const people = [...new Set(asserted.filter((a) => a.type === CriticalInfoType.STAKEHOLDER_REF).map((a) => String(a.value)))];
    const [divisions, stakeholders] = await Promise.all(names
      ? [names.division.loadMany(divisionIds).then((found) => byKey(divisionIds, found)), names.stakeholder.loadMany(people).then((found) => byKey(people, found))]
      : [this.divisions.findByIds(divisionIds), people.length ? this.stakeholders.findByIds(people) : Promise.resolve(new Map<string, { name: string }>())]);
    return (a) => ({
      division: divisions.get(a.divisionId)?.name ?? 'a division',
      text: valueText(a.type!, a.value, stakeholders.get(String(a.value))?.name),
      assertedAt: a.assertedAt,
    });
  }
}

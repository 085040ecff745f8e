import { LifecycleStage } from '../accounts/account.entity';
import { CriticalInfoType, CriticalValue, sameValue } from './value';

/** Where a field of an account stands. */
export enum CriticalInfoStatus {
  OK = 'OK',
  STALE = 'STALE',
  MISSING = 'MISSING',
  CONFLICT = 'CONFLICT',
  EMPTY = 'EMPTY',
}

/** What the status needs to know of a field. */
export interface StatusField {
  id: string;
  type: CriticalInfoType;
  requiredInStages: readonly LifecycleStage[];
  stalenessDays: number;
  retiredAt: Date | null;
  position: number;
}

/** What the status needs to know of an assertion. */
export interface StatusAssertion {
  id: string;
  fieldId: string;
  divisionId: string;
  value: CriticalValue;
  resolvesConflict: boolean;
  assertedAt: Date;
  recordedAt: Date;
}

/** One field of one account, as of an instant. */
export interface EntryView<A extends StatusAssertion> {
  status: CriticalInfoStatus;
  /** Required in the account's stage (never for a retired field). */
  required: boolean;
  /** The value that holds: the newest assertion. */
  current: A | null;
  /** Each division's newest assertion since the last resolution (the resolution included), newest first. */
  divisionValues: A[];
  /** Every assertion, newest first. */
  history: A[];
  /** When the current value is (or was) older than the field's window. */
  staleAt: Date | null;
}

const DAY_MS = 86_400_000;

/** Newest first: by when it was asserted, then when the hub recorded it, then id (a stable order for ties). */
export function newestFirst(a: StatusAssertion, b: StatusAssertion): number {
  return b.assertedAt.getTime() - a.assertedAt.getTime() || b.recordedAt.getTime() - a.recordedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The start of the field's window at `now`: values asserted before it are stale. */
export function windowStart(field: StatusField, now: Date): Date {
  return new Date(now.getTime() - field.stalenessDays * DAY_MS);
}

export function isRequired(field: StatusField, stage: LifecycleStage): boolean {
  return field.retiredAt === null && field.requiredInStages.includes(stage);
}

/** Each division's newest assertion since the newest resolution; the resolution ends the conflicts before it. */
export function divisionValues<A extends StatusAssertion>(history: readonly A[]): A[] {
  const resolution = history.findIndex((a) => a.resolvesConflict);
  const open = resolution < 0 ? history : history.slice(0, resolution + 1);
  const seen = new Set<string>();
  return open.filter((a) => !seen.has(a.divisionId) && seen.add(a.divisionId));
}

/** Two or more divisions whose newest values (within the window) differ. */
export function inConflict(field: StatusField, sides: readonly StatusAssertion[], now: Date): boolean {
  const from = windowStart(field, now).getTime();
  const fresh = sides.filter((a) => a.assertedAt.getTime() >= from);
  return fresh.some((a) => fresh.some((b) => b.divisionId !== a.divisionId && !sameValue(field.type, a.value, b.value)));
}

/**
 * Where one field of an account stands at `now` (the injectable clock:
 * callers pass it, tests move it). Assertions after `now` are left out.
 * MISSING: required in the stage and never asserted; CONFLICT: the newest
 * values of two or more divisions differ within the window; STALE: the
 * newest value is older than the window; EMPTY: never asserted, not required.
 */
export function entryView<A extends StatusAssertion>(field: StatusField, assertions: readonly A[], stage: LifecycleStage, now: Date): EntryView<A> {
  const history = assertions.filter((a) => a.fieldId === field.id && a.assertedAt.getTime() <= now.getTime()).sort(newestFirst);
  const required = isRequired(field, stage);
  const current = history[0] ?? null;
  const sides = divisionValues(history);
  if (!current) return { status: required ? CriticalInfoStatus.MISSING : CriticalInfoStatus.EMPTY, required, current, divisionValues: sides, history, staleAt: null };
  const staleAt = new Date(current.assertedAt.getTime() + field.stalenessDays * DAY_MS);
  const status = inConflict(field, sides, now)
    ? CriticalInfoStatus.CONFLICT
    : staleAt.getTime() < now.getTime() ? CriticalInfoStatus.STALE : CriticalInfoStatus.OK;
  return { status, required, current, divisionValues: sides, history, staleAt };
}

/** How complete an account's critical info is for its stage. */
export interface Completeness {
  /** Share of the fields required in the stage whose value is OK, 0 to 100 (100 when none is required). */
  percent: number;
  required: number;
  complete: number;
  missing: number;
  stale: number;
  conflicts: number;
}

/** Completeness over the live (not retired) fields' entries. */
export function completeness(entries: readonly { field: StatusField; view: EntryView<StatusAssertion> }[]): Completeness {
  const live = entries.filter((e) => e.field.retiredAt === null);
  const required = live.filter((e) => e.view.required);
  const complete = required.filter((e) => e.view.status === CriticalInfoStatus.OK).length;
  const count = (status: CriticalInfoStatus) => live.filter((e) => e.view.status === status).length;
  return {
    percent: required.length === 0 ? 100 : Math.floor((100 * complete) / required.length),
    required: required.length,
    complete,
    missing: count(CriticalInfoStatus.MISSING),
    stale: count(CriticalInfoStatus.STALE),
    conflicts: count(CriticalInfoStatus.CONFLICT),
  };
}

import type { MantineColor } from '@mantine/core';
import type { CriticalInfoStatus, CriticalInfoType, LifecycleStage } from '../gql/graphql';

/** How each status reads and which color marks it (light badges keep AA contrast). */
export const STATUSES: Record<CriticalInfoStatus, { label: string; color: MantineColor; hint: string }> = {
  OK: { label: 'OK', color: 'green', hint: 'Known, fresh, and the divisions agree.' },
  STALE: { label: 'Stale', color: 'yellow', hint: 'Older than its window: confirm it.' },
  MISSING: { label: 'Missing', color: 'red', hint: 'Required at this stage and never recorded: ask.' },
  CONFLICT: { label: 'Conflict', color: 'orange', hint: 'Divisions hold different values: resolve it.' },
  EMPTY: { label: 'Not set', color: 'gray', hint: 'Not recorded, not required at this stage.' },
};

export const TYPE_LABELS: Record<CriticalInfoType, string> = {
  TEXT: 'Text',
  NUMBER: 'Number',
  MONEY: 'Money',
  DATE: 'Date',
  BOOLEAN: 'Yes / no',
  ENUM: 'One of a list',
  MULTI_ENUM: 'Several of a list',
  STAKEHOLDER_REF: 'A stakeholder',
};

export const STAGES: LifecycleStage[] = ['PROSPECT', 'ONBOARDING', 'ACTIVE', 'RENEWAL', 'AT_RISK', 'CHURNED'];

/** What an editor holds while a value is typed: every input kind in one shape. */
export interface Draft {
  text: string;
  amount: string;
  currency: string;
  list: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The editor's starting point: the current value, or empty. */
export function draftOf(type: CriticalInfoType, value: unknown): Draft {
  const draft: Draft = { text: '', amount: '', currency: 'EUR', list: [] };
  if (value === null || value === undefined) return draft;
  if (type === 'MONEY' && isRecord(value)) return { ...draft, amount: String(value.amount ?? ''), currency: String(value.currency ?? 'EUR') };
  if (type === 'MULTI_ENUM' && Array.isArray(value)) return { ...draft, list: value.map(String) };
  if (type === 'BOOLEAN') return { ...draft, text: value === true ? 'yes' : value === false ? 'no' : '' };
  return { ...draft, text: String(value) };
}

/**
 * A number as typed: digits, a point before the decimals, commas only between groups of three ("1,234.5"). A comma
 * anywhere else is a decimal comma ("2,5", "1.234,5"), which stripping commas read as 25 and 1.2345 (found by
 * exploratory testing): refused, not guessed. Null when it is no number.
 */
export function numberOf(text: string): number | null {
  const t = text.replace(/\s/g, '');
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

const AS_NUMBER = 'such as 1234.5 or 1,234.5 (a point before the decimals; commas only between thousands)';

/** The value to send for a draft, or what is missing (the server checks the rest and says so). */
export function valueOf(type: CriticalInfoType, draft: Draft): { value: unknown } | { problem: string } {
  switch (type) {
    case 'NUMBER': {
      const n = numberOf(draft.text);
      return n === null ? { problem: `Enter a number ${AS_NUMBER}.` } : { value: n };
    }
    case 'MONEY': {
      const amount = numberOf(draft.amount);
      if (amount === null) return { problem: `Enter an amount ${AS_NUMBER}.` };
      return { value: { amount, currency: draft.currency.trim().toUpperCase() } };
    }
    case 'BOOLEAN':
      return draft.text === '' ? { problem: 'Choose yes or no.' } : { value: draft.text === 'yes' };
    case 'MULTI_ENUM':
      return draft.list.length === 0 ? { problem: 'Choose at least one.' } : { value: draft.list };
    default:
      return draft.text.trim() === '' ? { problem: 'Enter a value.' } : { value: draft.text.trim() };
  }
}


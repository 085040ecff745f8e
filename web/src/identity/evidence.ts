import type { MatchKind } from '../gql/graphql';

/** One field's comparison, as reviews and links carry it. */
export interface Comparison {
  field: string;
  level: string;
  weight: number;
  note?: string | null;
}

/** A link's stored evidence (JSON: score, veto, comparisons), read defensively: older links may lack parts. */
export function linkEvidence(json: unknown): { score: number | null; veto: string | null; evidence: Comparison[] } {
  const value = (json ?? {}) as { score?: unknown; veto?: unknown; evidence?: unknown };
  const evidence = Array.isArray(value.evidence)
    ? value.evidence.filter((c): c is Comparison => typeof c === 'object' && c !== null && typeof c.field === 'string' && typeof c.level === 'string' && typeof c.weight === 'number')
    : [];
  return { score: typeof value.score === 'number' ? value.score : null, veto: typeof value.veto === 'string' ? value.veto : null, evidence };
}

/** What the evidence calls a field, as a person says it. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name', domain: 'Web domain', registryId: 'Registry id', phone: 'Phone', address: 'Address', postalCode: 'Postal code',
  legalForm: 'Legal form', prior: 'Starting point', email: 'Email', birthday: 'Birthday', city: 'City', firstName: 'First name', lastName: 'Last name',
  otherNames: 'Other names', generation: 'Generation (Jr., Sr.)',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** "NUMBER_DIFFERS" → "number differs". */
export function levelLabel(level: string): string {
  return level.toLowerCase().replace(/_/g, ' ');
}

/** A weight in bits with its sign: "+12.0", "−1.0", "0.0". */
export function formatWeight(weight: number): string {
  const fixed = Math.abs(weight).toFixed(1);
  if (fixed === '0.0') return '0.0';
  return `${weight > 0 ? '+' : '−'}${fixed}`;
}

/** The words of the two decisions for customers and for people. */
export function decisionWords(kind: MatchKind): { same: string; different: string; things: string } {
  return kind === 'ACCOUNT'
    ? { same: 'Same customer', different: 'Different customers', things: 'customers' }
    : { same: 'Same person', different: 'Different people', things: 'people' };
}

type Raw = Record<string, unknown> | null | undefined;

const ACCOUNT_FACTS: [string, string][] = [
  ['website', 'Website'], ['domains', 'Domains'], ['registryId', 'Registry id'], ['phone', 'Phone'], ['address', 'Address'],
  ['postalCode', 'Postal code'], ['industry', 'Industry'], ['emails', 'Emails'],
];
const CONTACT_FACTS: [string, string][] = [
  ['title', 'Title'], ['department', 'Department'], ['emails', 'Emails'], ['phones', 'Phones'], ['birthday', 'Birthday'], ['city', 'City'],
];

/** The facts a record was sent with that matching compares, as label and text; the ones it lacks left out. */
export function sideFacts(kind: MatchKind, raw: Raw): { label: string; value: string }[] {
  const facts = kind === 'ACCOUNT' ? ACCOUNT_FACTS : CONTACT_FACTS;
  const out: { label: string; value: string }[] = [];
  for (const [key, label] of facts) {
    const value = raw?.[key];
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string' && v.trim()).join(', ') : typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (text) out.push({ label, value: text });
  }
  return out;
}

/** How a source record is linked, as a person says it. */
export const LINK_STATUS: Record<string, { label: string; color: string }> = {
  AUTO: { label: 'Linked by matching', color: 'blue' },
  CONFIRMED: { label: 'Confirmed by a person', color: 'green' },
  REVIEW: { label: 'Waiting for review', color: 'orange' },
  REJECTED: { label: 'Kept apart', color: 'gray' },
};

const TABLE_WORDS: Record<string, string> = {
  source_account_record: 'source record', source_contact_record: 'contact record', stakeholder: 'person', stakeholder_affiliation: 'affiliation',
  touchpoint: 'touchpoint', opportunity: 'opportunity', child_account: 'child account', notice: 'notice', account_watch: 'watch',
  critical_info_assertion: 'critical-info value',
};
const PLURALS: Record<string, string> = { person: 'people', opportunity: 'opportunities' };

/** "2 source records, 14 touchpoints, 1 person": what a merge or split moved (nothing moved: "nothing else"). */
export function movedSummary(moved: readonly { table: string; count: number }[]): string {
  const parts = moved.filter((m) => m.count > 0).map((m) => {
    const one = TABLE_WORDS[m.table] ?? m.table.replace(/_/g, ' ');
    return `${m.count} ${m.count === 1 ? one : (PLURALS[one] ?? `${one}s`)}`;
  });
  return parts.length ? parts.join(', ') : 'nothing else';
}

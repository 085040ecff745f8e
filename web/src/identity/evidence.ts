import type { MatchKind } from '../gql/graphql';

/** What the evidence calls a field, as a person says it. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name', domain: 'Web domain', registryId: 'Registry id', phone: 'Phone', address: 'Address', postalCode: 'Postal code',
  legalForm: 'Legal form', prior: 'Starting point', email: 'Email', birthday: 'Birthday', city: 'City', firstName: 'First name', lastName: 'Last name',
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

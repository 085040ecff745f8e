import { contactLikeness } from './blocking-keys';
import { AccountFeatures, ContactFeatures } from './features';

/** A matching feature as a source record table stores it: column, PostgreSQL type, and the value from the features. */
export type FeatureColumn<F> = readonly [column: string, type: string, value: (f: F) => unknown];

/**
 * Where ingest stores each feature of an account or contact record, and where
 * re-keying (rekey.ts) reads and rewrites it: one list, so a feature added to
 * one is in the other.
 */
export const ACCOUNT_FEATURE_COLUMNS: readonly FeatureColumn<AccountFeatures>[] = [
  ['name_norm', 'text', (f) => f.nameNorm],
  ['domains', 'text[]', (f) => f.domains],
  ['registry_id', 'text', (f) => f.registryId],
  ['phone', 'text', (f) => f.phone],
  ['address_norm', 'text', (f) => f.addressNorm],
  ['postal_code', 'text', (f) => f.postalCode],
  ['legal_form', 'text', (f) => f.legalForm],
];

export const CONTACT_FEATURE_COLUMNS: readonly FeatureColumn<ContactFeatures>[] = [
  ['name_key', 'text', (f) => f.nameKey],
  ['first_key', 'text', (f) => f.firstKey],
  ['last_key', 'text', (f) => f.lastKey],
  ['emails', 'text[]', (f) => f.emails],
  ['phones', 'text[]', (f) => f.phones],
  ['birthday', 'date', (f) => f.birthday],
  ['city', 'text', (f) => f.city],
  ['likeness', 'text', contactLikeness],
  ['other_names', 'text[]', (f) => f.otherNames],
];

/** Column → type, as a VersionedTable lists its columns. */
export function featureColumnTypes<F>(columns: readonly FeatureColumn<F>[]): Record<string, string> {
  return Object.fromEntries(columns.map(([column, type]) => [column, type]));
}

/** Column → value of these features. */
export function featureColumnValues<F>(columns: readonly FeatureColumn<F>[], features: F): Record<string, unknown> {
  return Object.fromEntries(columns.map(([column, , value]) => [column, value(features)]));
}

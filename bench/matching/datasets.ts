/**
 * The labelled record-linkage data sets of /work/shared/data (see its
 * README.md), mapped to the hub's ingest input (DESIGN.md, ingest contract),
 * with their ground truth. Shared by `npm run bench:matching` and the floor
 * test test/api/matching-quality.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/** The ingest input, as far as the data sets use it (names from DESIGN.md). */
export interface AccountRecordInput {
  externalId: string;
  name: string;
  website?: string;
  address?: string;
  postalCode?: string;
  phone?: string;
  emails?: string[];
}

export interface ContactRecordInput {
  externalId: string;
  accountExternalId: string;
  name: string;
  firstName?: string;
  lastName?: string;
  emails?: string[];
  city?: string;
  birthday?: string;
}

export interface IngestBatchInput {
  division: string;
  sourceSystem: string;
  accounts?: AccountRecordInput[];
  contacts?: ContactRecordInput[];
}

export type RecordKind = 'ACCOUNT' | 'CONTACT';

export interface LabeledRecord {
  division: string;
  sourceSystem: string;
  /** The true entity (the data set's cluster id). */
  entity: string;
  input: AccountRecordInput | ContactRecordInput;
}

export interface LabeledDataset {
  id: string;
  title: string;
  /** What is evaluated: account records (→ accounts) or contact records (→ stakeholders). */
  kind: RecordKind;
  divisions: { key: string; name: string }[];
  /** Sent first and not evaluated (e.g. the account the contacts belong to). */
  setup: IngestBatchInput[];
  /** The labelled records, in sending order. */
  records: LabeledRecord[];
  /** How the subset was drawn, when it is one. */
  subset?: string;
}

/** The key of a record in truth and predicted assignments: division and external id. */
export const recordKey = (division: string, externalId: string): string => `${division}/${externalId}`;

/** record key → true entity */
export function truthOf(dataset: LabeledDataset): Map<string, string> {
  return new Map(dataset.records.map((r) => [recordKey(r.division, r.input.externalId), r.entity]));
}

export const REPO_ROOT = resolve(__dirname, '../..');

/** The shared data folder: $OURCUSTOMER_SHARED_DATA, else ../shared/data relative to the repository root. */
export function sharedDataDir(env: Record<string, string | undefined> = process.env): string {
  return env.OURCUSTOMER_SHARED_DATA ? resolve(env.OURCUSTOMER_SHARED_DATA) : resolve(REPO_ROOT, '../shared/data');
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Batches in sending order: consecutive records of one division, at most `size` items each. */
export function toBatches(dataset: LabeledDataset, size = 500): IngestBatchInput[] {
  const batches: IngestBatchInput[] = [...dataset.setup];
  let current: IngestBatchInput | undefined;
  let count = 0;
  for (const record of dataset.records) {
    if (!current || current.division !== record.division || current.sourceSystem !== record.sourceSystem || count >= size) {
      current = { division: record.division, sourceSystem: record.sourceSystem };
      batches.push(current);
      count = 0;
    }
    if (dataset.kind === 'ACCOUNT') (current.accounts ??= []).push(record.input as AccountRecordInput);
    else (current.contacts ??= []).push(record.input as ContactRecordInput);
    count += 1;
  }
  return batches;
}

// ---------------------------------------------------------------------------------------------
// Subsets (deterministic): for the floor test, and `--sample` of the bench.

export interface SubsetOptions {
  /** Take at most this many true entities, in order of first appearance in the file. */
  maxEntities?: number;
  /** Take at most this many records in all; an entity that would overflow it is cut to fit. */
  maxRecords?: number;
  /** Take at most this many records of one entity, spread evenly over its records. */
  maxPerEntity?: number;
}

/**
 * A labelled subset: whole entities in order of first appearance (each cut to
 * `maxPerEntity` records spread over the entity, so name variants stay mixed),
 * records kept in file order. Any subset of records keeps a valid truth.
 */
export function subset(dataset: LabeledDataset, options: SubsetOptions): LabeledDataset {
  const byEntity = new Map<string, number[]>();
  dataset.records.forEach((record, index) => {
    const list = byEntity.get(record.entity);
    if (list) list.push(index);
    else byEntity.set(record.entity, [index]);
  });
  const keep = new Set<number>();
  let entities = 0;
  for (const indexes of byEntity.values()) {
    if (options.maxEntities !== undefined && entities >= options.maxEntities) break;
    const room = options.maxRecords === undefined ? Infinity : options.maxRecords - keep.size;
    if (room <= 0) break;
    const take = Math.min(indexes.length, options.maxPerEntity ?? Infinity, room);
    for (let i = 0; i < take; i += 1) keep.add(indexes[Math.floor((i * indexes.length) / take)]);
    entities += 1;
  }
  const described = Object.entries(options).map(([k, v]) => `${k}=${v}`).join(', ');
  return { ...dataset, records: dataset.records.filter((_, index) => keep.has(index)), subset: described };
}

// ---------------------------------------------------------------------------------------------
// Chicago early-childhood education sites: 9 provider lists → 9 divisions, account records.

const CHICAGO_FILE = 'dedupe-csv-example-chicago-ece/csv_example_input_with_true_ids.csv';

/** A division key from a file name: lower-case letters, digits and dashes, starting with a letter, ≤ 40 characters. */
export function divisionSlug(name: string): string {
  let slug = name
    .replace(/\.csv$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(slug)) slug = `d-${slug}`;
  slug = slug.slice(0, 40).replace(/-+$/, '');
  return slug.length >= 2 ? slug : `${slug}-x`;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const WEBSITE = /^(https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/\S*)?$/i;

/** The first cell of `columns` that has the shape `pattern` (several source lists are shifted by some columns). */
function firstShaped(row: Record<string, string>, columns: string[], pattern: RegExp): string | undefined {
  for (const column of columns) {
    const value = row[column]?.trim();
    if (value && pattern.test(value)) return value;
  }
  return undefined;
}

export function loadChicago(dataDir = sharedDataDir()): LabeledDataset {
  const rows = readCsv(join(dataDir, CHICAGO_FILE));
  const divisions = new Map<string, { key: string; name: string }>();
  for (const row of rows) {
    if (divisions.has(row.Source)) continue;
    let key = divisionSlug(row.Source);
    const taken = new Set([...divisions.values()].map((d) => d.key));
    for (let n = 2; taken.has(key); n += 1) key = `${divisionSlug(row.Source).slice(0, 37)}-${n}`;
    divisions.set(row.Source, { key, name: row.Source });
  }
  // Records grouped by source list (one division's system sends its own list), file order within.
  const order = [...divisions.keys()];
  const sorted = [...rows].sort((a, b) => order.indexOf(a.Source) - order.indexOf(b.Source));
  return {
    id: 'chicago-ece',
    title: 'Chicago ECE sites (accounts, 9 divisions)',
    kind: 'ACCOUNT',
    divisions: [...divisions.values()],
    setup: [],
    records: sorted.map((row) => {
      const input: AccountRecordInput = { externalId: row.Id, name: row['Site name'] };
      if (row.Address) input.address = row.Address;
      if (row.Zip) input.postalCode = row.Zip;
      if (row.Phone) input.phone = row.Phone;
      // NAEYC's list is shifted: its website sits under "Center Director", its email under "Purple binder service type".
      const website = firstShaped(row, ['Website', 'Center Director'], WEBSITE);
      if (website) input.website = website;
      const email = firstShaped(row, ['Email Address', 'Purple binder service type'], EMAIL);
      if (email) input.emails = [email];
      return { division: divisions.get(row.Source)!.key, sourceSystem: 'chicago-ece', entity: row['True Id'], input };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// PATSTAT Dutch patent applicants: raw company names, one division, account records.

const PATSTAT_FILE = 'dedupe-patent-patstat-companies/patstat_reference.csv';

export function loadPatstat(dataDir = sharedDataDir()): LabeledDataset {
  const rows = readCsv(join(dataDir, PATSTAT_FILE));
  return {
    id: 'patstat',
    title: 'PATSTAT company names (accounts)',
    kind: 'ACCOUNT',
    divisions: [{ key: 'patstat', name: 'PATSTAT applicants' }],
    setup: [],
    records: rows.map((row) => ({
      division: 'patstat',
      sourceSystem: 'patstat',
      entity: row.leuven_id,
      input: { externalId: row.person_id, name: row.person_name },
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// splink fake_1000: synthetic people → contacts of one account, evaluated as stakeholders.

const FAKE_FILE = 'splink-fake-1000/fake_1000.csv';
export const FAKE_ACCOUNT = { externalId: 'acme', name: 'Acme' };

export function loadFake1000(dataDir = sharedDataDir()): LabeledDataset {
  const rows = readCsv(join(dataDir, FAKE_FILE));
  return {
    id: 'fake-1000',
    title: 'splink fake_1000 people (contacts → stakeholders)',
    kind: 'CONTACT',
    divisions: [{ key: 'people', name: 'People' }],
    setup: [{ division: 'people', sourceSystem: 'fake-1000', accounts: [FAKE_ACCOUNT] }],
    records: rows.map((row) => {
      const name = [row.first_name, row.surname].map((part) => part?.trim()).filter(Boolean).join(' ') || 'unknown';
      const input: ContactRecordInput = { externalId: row.unique_id, accountExternalId: FAKE_ACCOUNT.externalId, name };
      // The set has separate name fields, as most CRMs do: send them, so "Dean" alone is known to be a surname.
      if (row.first_name?.trim()) input.firstName = row.first_name.trim();
      if (row.surname?.trim()) input.lastName = row.surname.trim();
      if (row.dob) input.birthday = row.dob;
      if (row.city) input.city = row.city;
      if (row.email) input.emails = [row.email];
      return { division: 'people', sourceSystem: 'fake-1000', entity: row.cluster, input };
    }),
  };
}

export const DATASETS: Record<string, (dataDir?: string) => LabeledDataset> = {
  'chicago-ece': loadChicago,
  patstat: loadPatstat,
  'fake-1000': loadFake1000,
};

/**
 * Small deterministic labelled subsets: the floor test's, and `npm run bench:matching -- --sample`.
 * Chicago: the first 100 true entities, whole (502 records, 1,361 true pairs; 150 entities are 816
 * records and made the floor test too slow on a loaded machine); PATSTAT: 300 rows of 21
 * entities (at most 20 of one, spread over its name variants; 2,607 true pairs); fake_1000: the
 * first 250 rows (65 people, the last one cut; 487 true pairs).
 */
export const SAMPLES: Record<string, SubsetOptions> = {
  'chicago-ece': { maxEntities: 100 },
  patstat: { maxRecords: 300, maxPerEntity: 20 },
  'fake-1000': { maxRecords: 250 },
};

export function loadSample(id: string, dataDir = sharedDataDir()): LabeledDataset {
  return subset(DATASETS[id](dataDir), SAMPLES[id]);
}

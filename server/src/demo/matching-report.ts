import { DataSource, EntityManager } from 'typeorm';
import { contingency, PairMetrics, pairwise } from '../matching/quality-metrics';
import { DemoCompany } from './generator';

/**
 * How well identity resolution put the demo's source records together,
 * measured against the generator's truth: pairwise precision and recall of
 * the account clustering (source account records → accounts) and of the
 * stakeholder clustering (contact records → stakeholders), the open reviews
 * and how many of them are real matches, and examples of the mistakes.
 *
 * Pairwise: every pair of records of one true customer (person) is a true
 * pair; every pair the hub put in one account (stakeholder) a predicted pair.
 * Precision = true predicted pairs / predicted pairs; recall = true predicted
 * pairs / true pairs (1 when there is nothing to count). Counted from the
 * contingency table, never by listing pairs.
 */
export interface ClusteringQuality extends PairMetrics {
  records: number;
  /** True customers (people) among the records. */
  entities: number;
  /** Accounts (stakeholders) the hub made of the records. */
  clusters: number;
  /** Open match reviews between these records, and how many of them pair two records of one true entity. */
  openReviews: number;
  openReviewsSame: number;
}

/** One mistake, in words: which records, spelled how. */
export interface MatchingMistake {
  /** FALSE_MERGE: one hub account/stakeholder holds several true ones. MISSED_MERGE: one true one is spread over several. */
  type: 'FALSE_MERGE' | 'MISSED_MERGE';
  /** The true customers (people) involved. */
  truth: string[];
  /** Per hub account/stakeholder: its records as the divisions wrote them. */
  groups: string[][];
}

export interface DemoMatchingReport {
  accounts: ClusteringQuality;
  stakeholders: ClusteringQuality;
  mistakes: { accounts: MatchingMistake[]; stakeholders: MatchingMistake[] };
}

type Db = DataSource | EntityManager;

interface HubRecord {
  id: string;
  divisionId: string;
  sourceSystem: string;
  externalId: string;
  clusterId: string | null;
  describe: string;
}

/** Follows `merged_into_id` to the surviving row, for a table of merged rows. */
async function survivors(db: Db, table: 'account' | 'stakeholder'): Promise<(id: string | null) => string | null> {
  const rows: { id: string; into: string }[] = await db.query(`SELECT id, merged_into_id AS into FROM ${table} WHERE merged_into_id IS NOT NULL`);
  const into = new Map(rows.map((r) => [r.id, r.into]));
  return (id) => {
    let current = id;
    for (let hops = 0; current && into.has(current) && hops < 100; hops++) current = into.get(current)!;
    return current;
  };
}

function quality(truth: Map<string, string>, records: HubRecord[], reviews: { a: string; b: string }[]): ClusteringQuality {
  const byKey = new Map(records.map((r) => [`${r.divisionId}|${r.sourceSystem}|${r.externalId}`, r]));
  const entityOfRecord = new Map<string, string>();
  // A record the hub does not hold, or holds unlinked, is a cluster of its own (pairwise() treats missing ones so).
  const predicted = new Map<string, string>();
  for (const [key, entity] of truth) {
    const record = byKey.get(key);
    if (record) entityOfRecord.set(record.id, entity);
    if (record?.clusterId) predicted.set(key, record.clusterId);
  }
  const metrics = pairwise(truth, predicted);
  const table = contingency(truth, predicted);
  const mine = reviews.filter((r) => entityOfRecord.has(r.a) && entityOfRecord.has(r.b));
  return {
    records: truth.size, entities: table.entitySizes.size, clusters: table.clusterSizes.size, ...metrics,
    openReviews: mine.length, openReviewsSame: mine.filter((r) => entityOfRecord.get(r.a) === entityOfRecord.get(r.b)).length,
  };
}

function mistakes(truth: Map<string, string>, names: Map<string, string>, records: HubRecord[], limit: number): MatchingMistake[] {
  const byKey = new Map(records.map((r) => [`${r.divisionId}|${r.sourceSystem}|${r.externalId}`, r]));
  const entitiesOf = new Map<string, Set<string>>();
  const clustersOf = new Map<string, Set<string>>();
  const recordsOf = new Map<string, HubRecord[]>();
  for (const [key, entity] of truth) {
    const record = byKey.get(key);
    if (!record?.clusterId) continue;
    (entitiesOf.get(record.clusterId) ?? entitiesOf.set(record.clusterId, new Set()).get(record.clusterId)!).add(entity);
    (clustersOf.get(entity) ?? clustersOf.set(entity, new Set()).get(entity)!).add(record.clusterId);
    (recordsOf.get(record.clusterId) ?? recordsOf.set(record.clusterId, []).get(record.clusterId)!).push(record);
  }
  const group = (cluster: string) => recordsOf.get(cluster)!.map((r) => r.describe);
  const falseMerges = [...entitiesOf].filter(([, entities]) => entities.size > 1).map(([cluster, entities]): MatchingMistake => ({
    type: 'FALSE_MERGE', truth: [...entities].map((e) => names.get(e)!), groups: [group(cluster)],
  }));
  const missed = [...clustersOf].filter(([, clusters]) => clusters.size > 1).map(([entity, clusters]): MatchingMistake => ({
    type: 'MISSED_MERGE', truth: [names.get(entity)!], groups: [...clusters].map(group),
  }));
  return [...falseMerges.slice(0, limit), ...missed.slice(0, limit)];
}

async function openReviews(db: Db, kind: 'ACCOUNT' | 'STAKEHOLDER'): Promise<{ a: string; b: string }[]> {
  return db.query(`SELECT record_id AS a, candidate_record_id AS b FROM match_review WHERE kind = $1 AND status = 'OPEN'`, [kind]);
}

/** Measures the hub's accounts and stakeholders against the demo company's truth; `examples` caps the mistakes listed per kind. */
export async function demoMatchingReport(db: Db, company: DemoCompany, examples = 5): Promise<DemoMatchingReport> {
  const divisionId = new Map(company.divisions.map((d) => [d.key, d.id]));
  const key = (r: { divisionKey: string; sourceSystem: string; externalId: string }) => `${divisionId.get(r.divisionKey)}|${r.sourceSystem}|${r.externalId}`;
  const accountTruth = new Map(company.accounts.flatMap((a) => a.records.map((r) => [key(r), a.id] as const)));
  const personTruth = new Map(company.accounts.flatMap((a) => a.people.flatMap((p) => p.records.map((r) => [key(r), p.id] as const))));
  const names = new Map<string, string>([
    ...company.accounts.map((a) => [a.id, a.name] as const),
    ...company.accounts.flatMap((a) => a.people.map((p) => [p.id, `${p.name} (${a.name})`] as const)),
  ]);
  const divisionKey = new Map(company.divisions.map((d) => [d.id, d.key]));

  const account = await survivors(db, 'account');
  const accountRows: (HubRecord & { raw: Record<string, unknown> })[] = await db.query(
    `SELECT id, division_id AS "divisionId", source_system AS "sourceSystem", external_id AS "externalId", account_id AS "clusterId", raw FROM source_account_record`,
  );
  const accountRecords = accountRows.map(({ raw, ...r }) => ({
    ...r,
    clusterId: account(r.clusterId),
    describe: `${divisionKey.get(r.divisionId)}: "${String(raw.name)}"${['website', 'registryId', 'phone', 'address', 'postalCode'].filter((f) => raw[f]).map((f) => ` ${f}=${String(raw[f])}`).join('')}`,
  }));
  const stakeholder = await survivors(db, 'stakeholder');
  const contactRows: (HubRecord & { raw: Record<string, unknown> })[] = await db.query(
    `SELECT id, division_id AS "divisionId", source_system AS "sourceSystem", external_id AS "externalId", stakeholder_id AS "clusterId", raw FROM source_contact_record`,
  );
  const contactRecords = contactRows.map(({ raw, ...r }) => ({
    ...r,
    clusterId: stakeholder(r.clusterId),
    describe: `${divisionKey.get(r.divisionId)}: "${String(raw.name)}"${['emails', 'phones', 'birthday', 'city'].filter((f) => raw[f]).map((f) => ` ${f}=${[raw[f]].flat().join(',')}`).join('')}`,
  }));
  return {
    accounts: quality(accountTruth, accountRecords, await openReviews(db, 'ACCOUNT')),
    stakeholders: quality(personTruth, contactRecords, await openReviews(db, 'STAKEHOLDER')),
    mistakes: {
      accounts: mistakes(accountTruth, names, accountRecords, examples),
      stakeholders: mistakes(personTruth, names, contactRecords, examples),
    },
  };
}

function figures(q: ClusteringQuality, entities: string, clusters: string): string {
  return `precision ${q.precision.toFixed(3)}, recall ${q.recall.toFixed(3)}, F1 ${q.f1.toFixed(3)} `
    + `(${q.records} records of ${q.entities} ${entities} → ${q.clusters} ${clusters}; ${q.openReviews} open reviews, ${q.openReviewsSame} of them real matches)`;
}

/** One line for the server's start-up log. */
export function matchingReportLine(report: DemoMatchingReport): string {
  return `Demo matching against the generator's truth (pairwise): accounts ${figures(report.accounts, 'customers', 'accounts')}; stakeholders ${figures(report.stakeholders, 'people', 'stakeholders')}`;
}

/** The report for a terminal: figures, then examples of mistakes. */
export function matchingReportText(report: DemoMatchingReport): string {
  const lines = [
    'Matching quality on the demo data (pairwise, against the generator\'s truth):',
    `  accounts:     ${figures(report.accounts, 'customers', 'accounts')}`,
    `  stakeholders: ${figures(report.stakeholders, 'people', 'stakeholders')}`,
  ];
  for (const [kind, list] of [['account', report.mistakes.accounts], ['stakeholder', report.mistakes.stakeholders]] as const) {
    for (const m of list) {
      lines.push(`  ${m.type === 'FALSE_MERGE' ? `one ${kind} holds ${m.truth.join(' + ')}` : `${m.truth[0]} is split over ${m.groups.length} ${kind}s`}:`);
      m.groups.forEach((g, i) => lines.push(`    ${m.groups.length > 1 ? `#${i + 1} ` : ''}${g.join(' | ')}`));
    }
  }
  return lines.join('\n');
}

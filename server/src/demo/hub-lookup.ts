import { DataSource, EntityManager } from 'typeorm';
import { DemoAccount, DemoCompany } from './generator';

/** Where a demo customer landed in the hub. */
export interface DemoHubAccount {
  /** The hub account that holds most of the customer's source records (ties: the first record's). */
  accountId: string;
  /** The hub's name of that account (the spelling identity resolution kept). */
  name: string;
  /** True when all the customer's records are in that account and it holds no other customer's records: matched exactly. */
  exact: boolean;
}

/**
 * Finds each demo customer's hub account through its source records (the
 * natural key division + source system + external id), since the hub, not
 * the generator, decides account ids.
 */
export async function demoHubAccounts(db: DataSource | EntityManager, company: DemoCompany): Promise<Map<string, DemoHubAccount>> {
  const divisionId = new Map(company.divisions.map((d) => [d.key, d.id]));
  const keys = company.accounts.flatMap((a) => a.records.map((r, order) => ({
    customer: a.id, order, division_id: divisionId.get(r.divisionKey), source_system: r.sourceSystem, external_id: r.externalId,
  })));
  const rows: { customer: string; order: number; accountId: string | null; name: string | null }[] = await db.query(
    `SELECT x.customer, x.order, coalesce(a.merged_into_id, a.id) AS "accountId", coalesce(m.name, a.name) AS name
       FROM json_to_recordset($1::json) AS x(customer uuid, "order" int, division_id uuid, source_system text, external_id text)
       LEFT JOIN source_account_record s ON s.division_id = x.division_id AND s.source_system = x.source_system AND s.external_id = x.external_id
       LEFT JOIN account a ON a.id = s.account_id
       LEFT JOIN account m ON m.id = a.merged_into_id`,
    [JSON.stringify(keys)],
  );
  const byCustomer = new Map<string, typeof rows>();
  for (const row of rows) (byCustomer.get(row.customer) ?? byCustomer.set(row.customer, []).get(row.customer)!).push(row);
  const holders = new Map<string, Set<string>>();
  for (const row of rows) if (row.accountId) (holders.get(row.accountId) ?? holders.set(row.accountId, new Set()).get(row.accountId)!).add(row.customer);
  const found = new Map<string, DemoHubAccount>();
  for (const [customer, records] of byCustomer) {
    const landed = records.filter((r) => r.accountId).sort((a, b) => a.order - b.order);
    if (landed.length === 0) continue;
    const votes = new Map<string, number>();
    for (const r of landed) votes.set(r.accountId!, (votes.get(r.accountId!) ?? 0) + 1);
    const best = landed.reduce((top, r) => (votes.get(r.accountId!)! > votes.get(top.accountId!)! ? r : top), landed[0]);
    found.set(customer, {
      accountId: best.accountId!,
      name: best.name!,
      exact: votes.size === 1 && landed.length === records.length && holders.get(best.accountId!)!.size === 1,
    });
  }
  return found;
}

/** The hub account of one demo customer; throws when none of its records landed. */
export function hubAccountOf(found: Map<string, DemoHubAccount>, account: DemoAccount): DemoHubAccount {
  const hub = found.get(account.id);
  if (!hub) throw new Error(`demo customer "${account.name}" has no account in the hub`);
  return hub;
}

import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/secrets';
import { DEMO_PASSWORD, DemoCompany } from './generator';

/**
 * Loads a generated company into an empty hub in one transaction, set-based
 * (one INSERT … SELECT FROM json per table), so it is fast at any size.
 */
export async function loadDemoCompany(db: DataSource, company: DemoCompany): Promise<void> {
  // One argon2id hash (salted once) serves every demo colleague: they share the documented demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx: EntityManager) => {
    const divisionId = new Map(company.divisions.map((d) => [d.key, d.id]));
    await tx.query(
      `INSERT INTO division (id, key, name) SELECT id, key, name FROM json_to_recordset($1::json) AS x(id uuid, key text, name text)`,
      [JSON.stringify(company.divisions)],
    );
    await tx.query(
      `INSERT INTO colleague (id, email, name, division_id, role, password_hash)
       SELECT id, email, name, division_id, role, $2 FROM json_to_recordset($1::json) AS x(id uuid, email text, name text, division_id uuid, role text)`,
      [JSON.stringify(company.colleagues.map((c) => ({ ...c, division_id: divisionId.get(c.divisionKey) }))), passwordHash],
    );
    await tx.query(
      `INSERT INTO account (id, name, name_key, domains, industry, lifecycle_stage, created_at, updated_at)
       SELECT id, name, name_key, domains, industry, lifecycle_stage, created_at, created_at
         FROM json_to_recordset($1::json) AS x(id uuid, name text, name_key text, domains text[], industry text, lifecycle_stage text, created_at timestamptz)`,
      [JSON.stringify(company.accounts.map((a) => ({ id: a.id, name: a.name, name_key: a.nameKey, domains: a.domains, industry: a.industry, lifecycle_stage: a.lifecycleStage, created_at: a.createdAt })))],
    );
    const records = company.accounts.flatMap((account) =>
      account.records.map(({ divisionKey, id, createdAt, ...raw }) => ({
        id,
        division_id: divisionId.get(divisionKey),
        source_system: raw.sourceSystem,
        external_id: raw.externalId,
        account_id: account.id,
        name: raw.name,
        raw: { externalId: raw.externalId, name: raw.name, website: raw.website, registryId: raw.registryId, industry: raw.industry, ownerEmail: raw.ownerEmail },
        created_at: createdAt,
      })),
    );
    await tx.query(
      `INSERT INTO source_account_record (id, division_id, source_system, external_id, account_id, name, raw, created_at, updated_at)
       SELECT id, division_id, source_system, external_id, account_id, name, raw, created_at, created_at
         FROM json_to_recordset($1::json) AS x(id uuid, division_id uuid, source_system text, external_id text, account_id uuid, name text, raw jsonb, created_at timestamptz)`,
      [JSON.stringify(records)],
    );
  });
}

/** True when the hub holds no division yet: the only state in which demo data is loaded. */
export async function hubIsEmpty(db: DataSource): Promise<boolean> {
  const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM division`);
  return rows[0].n === 0;
}

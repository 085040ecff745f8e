import { DataSource } from 'typeorm';
import { Client, startTestServer, TEST_ADMIN_TOKEN, TestServer } from './server';

export interface ItemResult {
  kind: string;
  externalId: string | null;
  status: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'WAITING' | 'REJECTED';
  reason: string | null;
  path: string | null;
  warnings: string[];
  accountId: string | null;
  stakeholderId: string | null;
  recordId: string | null;
  rejectedItemId: string | null;
}

export interface IngestOutcome {
  items: ItemResult[];
  resumed: ItemResult[];
  created: number;
  updated: number;
  unchanged: number;
  waiting: number;
  rejected: number;
}

const ITEM = 'kind externalId status reason path warnings accountId stakeholderId recordId rejectedItemId';
export const INGEST = `mutation($batch: IngestBatchInput!) { ingest(batch: $batch) {
  items { ${ITEM} } resumed { ${ITEM} } created updated unchanged waiting rejected } }`;

/** Sends one batch through the real `ingest` mutation; fails the test on a GraphQL error. */
export async function ingest(client: Client, batch: Record<string, unknown>): Promise<IngestOutcome> {
  const response = await client<{ ingest: IngestOutcome }>(INGEST, { batch });
  if (response.errors) throw new Error(`ingest failed: ${JSON.stringify(response.errors)}`);
  return response.data!.ingest;
}

/** Creates divisions by key through the admin API. */
export async function createDivisions(hub: TestServer, ...keys: string[]): Promise<void> {
  const admin = hub.client({ bearer: TEST_ADMIN_TOKEN });
  for (const key of keys) {
    const created = await admin(`mutation($k: String!, $n: String!) { createDivision(input: { key: $k, name: $n }) { division { id } } }`, { k: key, n: key[0].toUpperCase() + key.slice(1) });
    if (created.errors) throw new Error(JSON.stringify(created.errors));
  }
}

/** A hub without demo data, with these divisions, an admin client and a direct connection to its database. */
export async function startIngestHub(...divisions: string[]): Promise<{ hub: TestServer; admin: Client; db: DataSource; close(): Promise<void> }> {
  const hub = await startTestServer({ demo: false });
  await createDivisions(hub, ...divisions);
  const db = await hub.database.dataSource();
  return {
    hub, db, admin: hub.client({ bearer: TEST_ADMIN_TOKEN }),
    async close() {
      await db.destroy();
      await hub.close();
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../server/src/database/embedded';
import { checkServer, withDatabase } from '../../server/src/database/database';
import { runMigrations } from '../../server/src/database/data-source';

declare global {
  // Kept on globalThis so the teardown (same process) can stop what setup started.
  var __ourcustomerStop: (() => Promise<void>) | undefined;
}

/**
 * Starts one PostgreSQL for the whole run (embedded unless DATABASE_URL is
 * set), migrates a template database once, and hands its name to the test
 * files through the environment; each file clones it (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    await checkServer(adminUrl, 'DATABASE_URL');
    globalThis.__ourcustomerStop = undefined;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ourcustomer-test-'));
    const embedded = await startEmbeddedDatabase(dir);
    adminUrl = embedded.url;
    // Stop the server, then remove its data folder: a run leaves nothing behind in /tmp.
    globalThis.__ourcustomerStop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = `oc_template_${process.pid}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${template}`);
  await client.query(`CREATE DATABASE ${template}`);
  await client.end();
  await runMigrations(withDatabase(adminUrl, template));
  process.env.OC_TEST_ADMIN_URL = adminUrl;
  process.env.OC_TEST_TEMPLATE = template;
}

import { Client } from 'pg';

/** Drops the template and every database cloned from it, then stops the embedded server. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.OC_TEST_ADMIN_URL;
  const template = process.env.OC_TEST_TEMPLATE;
  if (adminUrl && template) {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `${template}\\_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    await client.end();
  }
  await globalThis.__ourcustomerStop?.();
}

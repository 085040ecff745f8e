import { loadConfig } from '../../server/src/config/config';
import { freePort } from '../../server/src/database/embedded';
import { generateDemoCompany, DemoCompany, DemoOptions } from '../../server/src/demo/generator';
import { loadDemoCompany } from '../../server/src/demo/loader';
import { RunningServer, startServer } from '../../server/src/server';
import { createTestDatabase, TestDatabase } from '../../server/src/testing/database';

export interface TestServer {
  url: string;
  server: RunningServer;
  database: TestDatabase;
  company?: DemoCompany;
  /** POSTs a GraphQL operation and returns the parsed body. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

/** The real server on a database of its own, listening on a free port; optionally with demo data. */
export async function startTestServer(options: { demo?: DemoOptions | false; env?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  let company: DemoCompany | undefined;
  if (options.demo !== false) {
    company = generateDemoCompany(options.demo ?? { accounts: 60 });
    const ds = await database.dataSource();
    await loadDemoCompany(ds, company);
    await ds.destroy();
  }
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', ...options.env, PORT: String(port), DATABASE_URL: database.url });
  const server = await startServer(config, () => undefined);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    server,
    database,
    company,
    async graphql(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: never; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    },
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

import { ColleagueRole } from '../../server/src/colleagues/colleague.entity';
import { loadConfig } from '../../server/src/config/config';
import { freePort } from '../../server/src/database/embedded';
import { DEMO_PASSWORD, generateDemoCompany, DemoCompany, DemoOptions } from '../../server/src/demo/generator';
import { DemoHubAccount, demoHubAccounts } from '../../server/src/demo/hub-lookup';
import { loadDemoCompany } from '../../server/src/demo/loader';
import { RunningServer, startServer } from '../../server/src/server';
import { createTestDatabase, TestDatabase } from '../../server/src/testing/database';

export interface GraphQLResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Sends GraphQL operations as one caller: anonymous, a session cookie, or a bearer token. */
export type Client = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<T>>;

export interface TestServer {
  url: string;
  server: RunningServer;
  database: TestDatabase;
  company?: DemoCompany;
  /**
   * Where each demo customer (by its truth id, `company.accounts[i].id`) landed in the hub: demo data
   * goes through ingest, so identity resolution, not the generator, decides account ids and names.
   */
  demoAccounts?: Map<string, DemoHubAccount>;
  /** An anonymous client. */
  graphql: Client;
  client(auth?: { cookie?: string; bearer?: string }): Client;
  /** Signs in as `email` (demo password by default) and returns a client with that session. */
  signIn(email: string, password?: string): Promise<Client>;
  /** A client signed in as a demo colleague of that role. */
  as(role: ColleagueRole): Promise<Client>;
  close(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/**
 * The real server on a database of its own, listening on a free port; optionally with demo data.
 * With `database`, a further instance on that (already prepared) database, as behind a load
 * balancer: no demo data is loaded and close() leaves the database to its owner.
 */
export async function startTestServer(options: { demo?: DemoOptions | false; env?: Record<string, string>; port?: number; database?: TestDatabase } = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  let company: DemoCompany | undefined;
  let demoAccounts: Map<string, DemoHubAccount> | undefined;
  if (options.demo !== false && !options.database) {
    company = generateDemoCompany(options.demo ?? { accounts: 60 });
    const ds = await database.dataSource();
    await loadDemoCompany(ds, company);
    demoAccounts = await demoHubAccounts(ds, company);
    await ds.destroy();
  }
  const port = options.port ?? (await freePort());
  const config = loadConfig({ NODE_ENV: 'test', OURCUSTOMER_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...options.env, PORT: String(port), DATABASE_URL: database.url });
  const server = await startServer(config, () => undefined);
  const url = `http://127.0.0.1:${port}`;

  const client = (auth: { cookie?: string; bearer?: string } = {}): Client => async (query, variables) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as GraphQLResult<never>;
    return { ...body, status: response.status };
  };

  const signIn = async (email: string, password = DEMO_PASSWORD): Promise<Client> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { colleague { id } } }', variables: { e: email, p: password } }),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
    return client({ cookie });
  };

  return {
    url,
    server,
    database,
    company,
    demoAccounts,
    graphql: client(),
    client,
    signIn,
    as: (role) => {
      const colleague = company?.colleagues.find((c) => c.role === role);
      if (!colleague) throw new Error(`no demo colleague with role ${role}`);
      return signIn(colleague.email);
    },
    async close() {
      await server.close();
      if (!options.database) await database.drop();
    },
  };
}

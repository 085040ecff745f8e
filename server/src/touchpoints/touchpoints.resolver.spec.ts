import { GraphQLObjectType } from 'graphql';
import { loadConfig } from '../config/config';
import { freePort } from '../database/embedded';
import { resolverInside } from '../hardening/list-items';
import { RunningServer, startServer } from '../server';
import { createTestDatabase, TestDatabase } from '../testing/database';

/**
 * The per-item fields of a timeline page are resolved by the bound resolver
 * methods themselves: Nest takes that path only for methods without parameter
 * decorators, field middleware or field-level enhancers, and otherwise runs
 * its per-call pipeline on each of them (about ten promises a call, 250 calls
 * a page). A decorator added to one of them would slow every page silently.
 */
describe('Touchpoint fields: resolved without Nest’s per-call pipeline', () => {
  let database: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer(loadConfig({ NODE_ENV: 'test', PORT: String(await freePort()), DATABASE_URL: database.url, OURCUSTOMER_NOTICE_SWEEP_MINUTES: '0' }), () => undefined);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it.each(['account', 'division', 'colleagues', 'stakeholders', 'opportunity'])('%s is the resolver method, unwrapped', (field) => {
    const touchpoint = server.schema().getType('Touchpoint') as GraphQLObjectType;
    // Bound to the resolver instance (by Nest, then again when the schema is built): the method itself, nothing around it
    // but, for a list, the count of the answer's list items (hardening/list-items.ts: a closure and one `then`, about 0.1 µs a call).
    expect(resolverInside(touchpoint.getFields()[field].resolve)?.name).toMatch(new RegExp(`^(bound )+${field}$`));
  });
});

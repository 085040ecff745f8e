import { serverAudits } from 'graphql-http';
import { startTestServer, TestServer } from '../support/server';

/**
 * The GraphQL-over-HTTP conformance audit of the graphql-http package against
 * the real server: every MUST passes; SHOULD/MAY results are listed in the README.
 */
describe('GraphQL over HTTP audit (graphql-http)', () => {
  let hub: TestServer;
  beforeAll(async () => {
    hub = await startTestServer({ demo: false });
  });
  afterAll(() => hub.close());

  const audits = serverAudits({ url: () => `${hub.url}/graphql` });
  const musts = audits.filter((audit) => audit.name.startsWith('MUST'));

  it('has MUST audits to run', () => expect(musts.length).toBeGreaterThan(10));

  it.each(musts.map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${'reason' in result ? result.reason : ''}`).toBe('ok');
  });

  it('reports its SHOULD results (listed in the README)', async () => {
    const shoulds = audits.filter((audit) => !audit.name.startsWith('MUST'));
    const failed: string[] = [];
    for (const audit of shoulds) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(audit.name);
    }
    console.log(`graphql-http SHOULD/MAY audits not passed (${failed.length}/${shoulds.length}):\n${failed.join('\n')}`);
    expect(failed.length).toBeLessThan(shoulds.length);
  });
});

import { newColleague } from '../support/colleagues';
import { startIngestHub } from '../support/ingest';
import { GraphQLResult, TEST_ADMIN_TOKEN, TestServer } from '../support/server';

/**
 * A browser's tabs share one session cookie. Found by exploratory testing: when a rep signed in in a second tab, the
 * first tab, still showing the admin, saved a value the admin typed as the rep's. The web app sends the id of the
 * colleague it shows (x-ourcustomer-colleague); a session of someone else is refused as UNAUTHENTICATED, and the page
 * signs in again. Callers that send no such header (integrations, scripts) are not concerned.
 */
describe('a request made for one colleague with another colleague\'s session', () => {
  let hub: TestServer;
  let close: () => Promise<void>;
  let ada: { id: string; cookie: string };
  let bob: { id: string; cookie: string };

  beforeAll(async () => {
    ({ hub, close } = await startIngestHub('exhibits'));
    ada = await newColleague(hub, { email: 'ada@ourcompany.example', division: 'exhibits', role: 'ADMIN' });
    bob = await newColleague(hub, { email: 'bob@ourcompany.example', division: 'exhibits' });
  });
  afterAll(() => close());

  async function me(headers: Record<string, string>): Promise<GraphQLResult<{ me: { id: string } | null }>> {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ me { id } }' }),
    });
    return (await response.json()) as GraphQLResult<{ me: { id: string } | null }>;
  }

  it('is refused as UNAUTHENTICATED, saying why; the same colleague, or no header, is served', async () => {
    const refused = await me({ cookie: bob.cookie, 'x-ourcustomer-colleague': ada.id });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('Someone else signed in in another tab'), extensions: { code: 'UNAUTHENTICATED' } });
    expect(refused.data?.me ?? null).toBeNull();
    expect((await me({ cookie: bob.cookie, 'x-ourcustomer-colleague': bob.id.toUpperCase() })).data?.me).toEqual({ id: bob.id });
    expect((await me({ cookie: bob.cookie })).data?.me).toEqual({ id: bob.id });
    // A bearer token is no browser session: the header says nothing of it.
    expect((await me({ authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'x-ourcustomer-colleague': ada.id })).errors).toBeUndefined();
  });
});

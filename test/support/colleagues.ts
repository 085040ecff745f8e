import { Client, TEST_ADMIN_TOKEN, TestServer } from './server';

export const COLLEAGUE_PASSWORD = 'a-long-enough-password';

type Role = 'REP' | 'MANAGER' | 'ADMIN';

/** Creates a colleague through the admin API and signs them in: their id, session cookie and a client with that session. */
export async function newColleague(hub: TestServer, person: { email: string; division: string; role?: Role }): Promise<{ id: string; cookie: string; client: Client }> {
  const admin = hub.client({ bearer: TEST_ADMIN_TOKEN });
  const created = await admin<{ createColleague: { colleague: { id: string } } }>(
    `mutation($e: String!, $d: String!, $r: ColleagueRole!, $p: String!) { createColleague(input: { email: $e, name: $e, division: $d, role: $r, password: $p }) { colleague { id } } }`,
    { e: person.email, d: person.division, r: person.role ?? 'REP', p: COLLEAGUE_PASSWORD },
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { colleague { id } } }', variables: { e: person.email, p: COLLEAGUE_PASSWORD } }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${person.email} failed: ${await response.text()}`);
  return { id: created.data!.createColleague.colleague.id, cookie, client: hub.client({ cookie }) };
}

/** A new colleague's signed-in client. */
export async function colleagueClient(hub: TestServer, person: { email: string; division: string; role?: Role }): Promise<Client> {
  return (await newColleague(hub, person)).client;
}

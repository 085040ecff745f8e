import { Client, TestServer } from './server';

export const COLLEAGUE_PASSWORD = 'a-long-enough-password';

/** Creates a colleague through the admin API and returns a client signed in as them. */
export async function colleagueClient(hub: TestServer, admin: Client, person: { email: string; division: string; role?: 'REP' | 'MANAGER' | 'ADMIN' }): Promise<Client> {
  const created = await admin(
    `mutation($e: String!, $d: String!, $r: ColleagueRole!, $p: String!) { createColleague(input: { email: $e, name: $e, division: $d, role: $r, password: $p }) { colleague { id } } }`,
    { e: person.email, d: person.division, r: person.role ?? 'REP', p: COLLEAGUE_PASSWORD },
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  return hub.signIn(person.email, COLLEAGUE_PASSWORD);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ColleagueRole } from '../../server/src/colleagues/colleague.entity';
import { Client, startTestServer, TestServer } from '../support/server';
import {
  buildSchema, getNamedType, GraphQLField, GraphQLInputType, GraphQLSchema, isEnumType, isInputObjectType, isListType,
  isNonNullType, isObjectType, isScalarType, GraphQLObjectType,
} from 'graphql';

type Caller = 'anonymous' | 'REP' | 'MANAGER' | 'ADMIN' | 'integration';
const CALLERS: Caller[] = ['anonymous', 'REP', 'MANAGER', 'ADMIN', 'integration'];
const EVERYONE: Caller[] = CALLERS;
const COLLEAGUES: Caller[] = ['REP', 'MANAGER', 'ADMIN'];
const MANAGERS: Caller[] = ['MANAGER', 'ADMIN'];
const ADMINS: Caller[] = ['ADMIN'];

/**
 * Who may call each root operation. Generated coverage: every Query and
 * Mutation of schema.graphql must appear here, so a new operation without a
 * rule fails this test.
 */
const RULES: Record<string, Caller[]> = {
  'Query.me': EVERYONE,
  'Query.signInMethods': EVERYONE,
  'Query.divisions': COLLEAGUES,
  'Query.accounts': COLLEAGUES,
  'Query.account': COLLEAGUES,
  'Query.auditEvents': ADMINS,
  'Query.integrationTokens': ADMINS,
  'Mutation.signIn': EVERYONE,
  'Mutation.signOut': EVERYONE,
  'Mutation.createDivision': ADMINS,
  'Mutation.createColleague': ADMINS,
  'Mutation.createIntegrationToken': ADMINS,
  'Mutation.revokeIntegrationToken': ADMINS,
  'Mutation.ingest': ['ADMIN', 'integration'],
  'Query.rejectedItems': ADMINS,
  'Mutation.reprocessRejectedItems': ADMINS,
  'Mutation.dismissRejectedItems': ADMINS,
  'Query.waitingItems': ADMINS,
  'Query.matchReviews': MANAGERS,
  'Mutation.resolveMatchReview': MANAGERS,
  'Mutation.mergeAccounts': ADMINS,
  'Mutation.splitAccount': ADMINS,
  'Mutation.setAccountParent': ADMINS,
  'Query.criticalInfoFields': [...COLLEAGUES, 'integration'],
  'Mutation.createCriticalInfoField': ADMINS,
  'Mutation.updateCriticalInfoField': ADMINS,
  'Mutation.retireCriticalInfoField': ADMINS,
  'Mutation.restoreCriticalInfoField': ADMINS,
  'Mutation.assertCriticalInfo': COLLEAGUES,
  'Mutation.resolveCriticalInfoConflict': COLLEAGUES,
  'Query.myNotices': COLLEAGUES,
  'Query.unreadNoticeCount': COLLEAGUES,
  'Mutation.markNoticesRead': COLLEAGUES,
  'Mutation.watchAccount': COLLEAGUES,
  'Mutation.unwatchAccount': COLLEAGUES,
  'Mutation.runSilenceSweep': ADMINS,
};

const schema: GraphQLSchema = buildSchema(readFileSync(join(__dirname, '../../schema.graphql'), 'utf8'));

/** A syntactically valid value for an input type (validation may still refuse it: that is past authorization). */
function sample(type: GraphQLInputType): string {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return `[${sample(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${sample(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return '1';
    if (type.name === 'Boolean') return 'false';
    if (type.name === 'ID') return '"00000000-0000-4000-8000-000000000000"';
    return '"x"';
  }
  throw new Error(`no sample for ${String(type)}`);
}

function operationFor(root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${sample(a.type)}`);
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${root} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

// signOut ends the callers' sessions: it runs last, so every other operation is tried signed in.
const operations = (['Query', 'Mutation'] as const).flatMap((typeName) => {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields()).map((field) => ({
    key: `${typeName}.${field.name}`,
    text: operationFor(typeName === 'Query' ? 'query' : 'mutation', field),
  }));
}).sort((a, b) => Number(a.key === 'Mutation.signOut') - Number(b.key === 'Mutation.signOut'));

describe('authorization matrix (generated from schema.graphql)', () => {
  let hub: TestServer;
  const clients = {} as Record<Caller, Client>;

  beforeAll(async () => {
    hub = await startTestServer({ demo: { accounts: 5, seed: 3 } });
    const admin = await hub.as(ColleagueRole.ADMIN);
    clients.anonymous = hub.graphql;
    clients.REP = await hub.as(ColleagueRole.REP);
    clients.MANAGER = await hub.as(ColleagueRole.MANAGER);
    clients.ADMIN = admin;
    // An integration token of a division other than the admin's.
    const other = hub.company!.divisions[1].key;
    const issued = await admin<{ createIntegrationToken: { token: string } }>(`mutation { createIntegrationToken(division: "${other}") { token } }`);
    clients.integration = hub.client({ bearer: issued.data!.createIntegrationToken.token });
  });
  afterAll(() => hub.close());

  it('has a rule for every operation of the schema', () => {
    expect(operations.map((o) => o.key).filter((key) => !RULES[key])).toEqual([]);
    expect(Object.keys(RULES).filter((key) => !operations.some((o) => o.key === key))).toEqual([]);
  });

  const cases = operations.flatMap((op) => CALLERS.map((caller) => ({ ...op, caller, allowed: (RULES[op.key] ?? []).includes(caller) })));

  it.each(cases)('$key as $caller: allowed=$allowed', async ({ text, caller, allowed }) => {
    const result = await clients[caller](text);
    const denial = result.errors?.find((e) => e.message === 'Sign in first.' || e.message === 'Not allowed.');
    if (allowed) {
      expect(denial).toBeUndefined();
    } else {
      expect(denial?.extensions?.code).toBe(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
    }
  });
});

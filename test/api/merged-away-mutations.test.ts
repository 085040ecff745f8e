import { DataSource } from 'typeorm';
import { colleagueClient } from '../support/colleagues';
import { ingest, startIngestHub } from '../support/ingest';
import { Client, TestServer } from '../support/server';

/**
 * Every mutation that takes an account id, sent a merged-away one: refused (CONFLICT) naming the survivor at the end
 * of the merge chain in `extensions.mergedIntoId` and the argument in `extensions.argument`, and nothing written.
 * Found in the team's notes: watchAccount, assertCriticalInfo and resolveCriticalInfoConflict acted on the survivor
 * without a word (a read follows a merged-away id; they read the account so), while setAccountParent, mergeAccounts
 * and splitAccount refused. Callers who may not call the mutation (or read accounts) learn nothing of the survivor.
 */
describe('mutations sent a merged-away account id', () => {
  let hub: TestServer;
  let db: DataSource;
  let admin: Client;
  let manager: Client;
  let rep: Client;
  let integration: Client;
  let close: () => Promise<void>;
  /** `gone` was merged into `middle`, which was merged into `end` since: the end of its merge chain. */
  let gone: string;
  let end: string;
  let other: string;
  let goneRecord: string;

  beforeAll(async () => {
    ({ hub, db, admin, close } = await startIngestHub('sales', 'service'));
    manager = await colleagueClient(hub, { email: 'manager@ourco.example', division: 'sales', role: 'MANAGER' });
    // A rep of a division that has no record of these accounts (deals with none of them).
    rep = await colleagueClient(hub, { email: 'rep@ourco.example', division: 'service' });
    const issued = await admin<{ createIntegrationToken: { token: string } }>(`mutation { createIntegrationToken(division: "sales") { token } }`);
    integration = hub.client({ bearer: issued.data!.createIntegrationToken.token });
    const landed = await ingest(admin, { division: 'sales', sourceSystem: 'crm', accounts: [
      { externalId: 'G', name: 'Gossamer Tiles', website: 'gossamer-tiles-zq.example' },
      { externalId: 'M', name: 'Marlpit Bricks', website: 'marlpit-bricks-zq.example' },
      { externalId: 'E', name: 'Elderholt Stone', website: 'elderholt-stone-zq.example' },
      { externalId: 'O', name: 'Orrin Glassworks', website: 'orrin-glassworks-zq.example' },
    ] });
    let middle: string;
    [gone, middle, end, other] = landed.items.map((i) => i.accountId!);
    goneRecord = landed.items[0].recordId!;
    for (const [survivorId, mergedId] of [[middle, gone], [end, middle]]) {
      const merged = await admin(`mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m, reason: "one customer") { mergeId } }`, { s: survivorId, m: mergedId });
      expect(merged.errors).toBeUndefined();
    }
  });
  afterAll(() => close());

  /** Everything these mutations write: a refusal changes none of it. */
  const written = async () => (await db.query(
    `SELECT (SELECT count(*)::int FROM account_watch) AS watches, (SELECT count(*)::int FROM critical_info_assertion) AS assertions,
            (SELECT json_agg(action || ' ' || outcome || ' ' || coalesce(target_id, '') ORDER BY id) FROM audit_event WHERE action <> 'USE_ADMIN_TOKEN') AS audited, (SELECT count(*)::int FROM account_merge) AS merges,
            (SELECT json_agg(json_build_object('id', id, 'parent', parent_id, 'into', merged_into_id) ORDER BY id) FROM account) AS accounts`))[0];

  const WATCH = `mutation($input: WatchAccountInput!) { watchAccount(input: $input) { watching } }`;
  const UNWATCH = `mutation($input: WatchAccountInput!) { unwatchAccount(input: $input) { watching } }`;
  const ASSERT = `mutation($input: AssertCriticalInfoInput!) { assertCriticalInfo(input: $input) { account { id } } }`;
  const RESOLVE = `mutation($input: ResolveCriticalInfoConflictInput!) { resolveCriticalInfoConflict(input: $input) { account { id } } }`;
  const SET_PARENT = `mutation($input: SetAccountParentInput!) { setAccountParent(input: $input) { changed } }`;
  const MERGE = `mutation($s: ID!, $m: ID!) { mergeAccounts(survivorId: $s, mergedId: $m) { mergeId } }`;
  const SPLIT = `mutation($a: ID!, $r: [ID!]!) { splitAccount(accountId: $a, sourceRecordIds: $r) { restoredMerge } }`;

  /** Each mutation and argument that takes an account id: the operation, its variables naming `id` there, who may call it. */
  const CASES: { name: string; argument: string; query: string; variables: (id: string) => Record<string, unknown>; caller: () => Client }[] = [
    { name: 'watchAccount', argument: 'input.accountId', query: WATCH, variables: (id) => ({ input: { accountId: id } }), caller: () => rep },
    { name: 'unwatchAccount', argument: 'input.accountId', query: UNWATCH, variables: (id) => ({ input: { accountId: id } }), caller: () => rep },
    {
      name: 'assertCriticalInfo', argument: 'input.accountId', query: ASSERT, caller: () => manager,
      variables: (id) => ({ input: { accountId: id, fieldKey: 'decision_process', value: 'The board signs' } }),
    },
    {
      name: 'resolveCriticalInfoConflict', argument: 'input.accountId', query: RESOLVE, caller: () => manager,
      variables: (id) => ({ input: { accountId: id, fieldKey: 'decision_process', value: 'The board signs', note: 'asked the CFO' } }),
    },
    {
      name: 'setAccountParent', argument: 'input.accountId', query: SET_PARENT, caller: () => admin,
      variables: (id) => ({ input: { accountId: id, parentId: other, reason: 'owned by Orrin' } }),
    },
    {
      name: 'setAccountParent', argument: 'input.parentId', query: SET_PARENT, caller: () => admin,
      variables: (id) => ({ input: { accountId: other, parentId: id, reason: 'owned by it' } }),
    },
    { name: 'mergeAccounts', argument: 'survivorId', query: MERGE, variables: (id) => ({ s: id, m: other }), caller: () => admin },
    { name: 'mergeAccounts', argument: 'mergedId', query: MERGE, variables: (id) => ({ s: other, m: id }), caller: () => admin },
    { name: 'splitAccount', argument: 'accountId', query: SPLIT, variables: (id) => ({ a: id, r: [goneRecord] }), caller: () => admin },
  ];

  it.each(CASES)('$name ($argument): refused naming the end of the merge chain, nothing written', async ({ argument, query, variables, caller }) => {
    const before = await written();
    // In either case, as ids are read.
    for (const id of [gone, gone.toUpperCase()]) {
      const response = await caller()(query, variables(id));
      expect(response.data ?? null).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]).toEqual({
        message: `Account ${gone} (${argument}) was merged into ${end}; use that account.`,
        extensions: { code: 'CONFLICT', mergedIntoId: end, argument },
        locations: expect.any(Array), path: expect.any(Array),
      });
    }
    expect(await written()).toEqual(before);
  });

  it('covers every mutation of the schema that takes an account id', async () => {
    const { data } = await admin<{ __schema: { mutationType: { fields: { name: string; args: { name: string; type: { name: string | null; ofType: { name: string | null } | null } }[] }[] } } }>(
      `{ __schema { mutationType { fields { name args { name type { name ofType { name } } } } } } }`);
    const inputs = new Map<string, string[]>();
    for (const input of ['WatchAccountInput', 'AssertCriticalInfoInput', 'ResolveCriticalInfoConflictInput', 'SetAccountParentInput', 'MarkNoticesReadInput', 'IngestBatchInput']) {
      const type = await admin<{ __type: { inputFields: { name: string }[] } }>(`query($n: String!) { __type(name: $n) { inputFields { name } } }`, { n: input });
      inputs.set(input, type.data!.__type.inputFields.map((f) => f.name));
    }
    const accountArguments = data!.__schema.mutationType.fields.flatMap((field) => field.args.flatMap((arg) => {
      const typeName = arg.type.name ?? arg.type.ofType?.name ?? '';
      if (/^(accountId|survivorId|mergedId|parentId)$/.test(arg.name)) return [`${field.name} ${arg.name}`];
      return (inputs.get(typeName) ?? []).filter((f) => /^(accountId|parentId)$/.test(f)).map((f) => `${field.name} ${arg.name}.${f}`);
    }));
    expect(accountArguments.sort()).toEqual(CASES.map((c) => `${c.name} ${c.argument}`).sort());
  });

  // Callers turned away before the account is read (not signed in, an integration, a rep at an admins' mutation) learn
  // nothing of the survivor; a colleague who may call it may read any account, and account(id:) of the merged-away id
  // answers with the survivor anyway.
  it.each(CASES)('$name ($argument): a caller who may not call it learns nothing of the survivor', async ({ query, variables, caller }) => {
    const turnedAway = [hub.graphql, integration, ...(caller() === admin ? [rep, manager] : [])];
    for (const client of turnedAway) {
      const response = await client(query, variables(gone));
      expect(response.errors).toHaveLength(1);
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(response.errors![0].extensions!.code);
      expect(JSON.stringify(response)).not.toContain(end);
    }
  });

  it('tells a rep who may assert on no account of these the survivor only as account(id:) does', async () => {
    const refused = await rep(ASSERT, { input: { accountId: gone, fieldKey: 'decision_process', value: 'The board signs' } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', mergedIntoId: end });
    const read = await rep<{ account: { id: string } }>(`query($id: ID!) { account(id: $id) { id } }`, { id: gone });
    expect(read.data!.account.id).toBe(end);
    // On the survivor itself the rep is refused for what it is: no dealings with the account.
    const onSurvivor = await rep(ASSERT, { input: { accountId: end, fieldKey: 'decision_process', value: 'The board signs' } });
    expect(onSurvivor.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';
import { asksFor } from './lookahead';

/** Runs `query` against a small schema and returns what asksFor said at `top` for each path. */
async function askedAt(query: string, paths: string[][]): Promise<boolean[]> {
  const schema = buildSchema(`
    type Person { name: String }
    type Group { name: String people: [Person] }
    type Summary { groups: [Group] members: [Group] }
    type Query { top: Summary }`);
  let answers: boolean[] = [];
  const rootValue = { top: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => { answers = paths.map((p) => asksFor(info, p)); return {}; } };
  const result = await graphql({ schema, source: query, rootValue });
  expect(result.errors).toBeUndefined();
  return answers;
}

describe('asksFor', () => {
  const paths = [['groups', 'people'], ['members', 'people'], ['groups', 'name']];

  it('finds a nested field asked directly, and says no for what is not asked', async () => {
    expect(await askedAt('{ top { groups { people { name } } members { name } } }', paths)).toEqual([true, false, false]);
  });

  it('looks through inline and named fragments, also nested and repeated', async () => {
    const query = `
      query { top { ...S ... on Summary { members { ...G } } } }
      fragment S on Summary { groups { name } ...S2 }
      fragment S2 on Summary { groups { name } }
      fragment G on Group { ... on Group { people { name } } }`;
    expect(await askedAt(query, paths)).toEqual([false, true, true]);
  });

  it('says yes under a conditional directive (variables are not evaluated: never skip asked work)', async () => {
    expect(await askedAt('{ top { groups @include(if: false) { people { name } } } }', paths)).toEqual([true, false, false]);
  });
});

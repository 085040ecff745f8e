import { scoreAccountPair, ValueCounts } from './account-scoring';
import { accountBlockingKeys } from './blocking-keys';
import { AccountFacts, accountFeatures } from './features';
import { MATCH_RULES, PairScore } from './rules';

/**
 * False merges of two customers found by exploratory testing, from what divisions sent to the
 * score of the pair (each value held by one account): none may auto-link, and true matches still do.
 */
const rules = MATCH_RULES.account;
const one: ValueCounts = { name: () => 1, nameWord: () => 1, domain: () => 1, phone: () => 1 };
const score = (a: AccountFacts, b: AccountFacts): PairScore => scoreAccountPair(accountFeatures(a), accountFeatures(b), rules, one);
const linked = (s: PairScore) => s.veto === null && s.score >= rules.autoLink;

describe('placeholder registry ids are no id', () => {
  it.each(['none', 'unknown', 'pending', '0000', 'N/A N/A', 'n/a', '-', 'tbd', '000000000', 'NONE', 'Not applicable', '1111111', 'xxxx', 'GB000000000'])(
    '%j: two different customers giving it are not linked, and it is no blocking key', (id) => {
      const s = score({ name: 'Foo Ltd', registryId: id }, { name: 'Bar Ltd', registryId: id });
      expect(linked(s)).toBe(false);
      expect(s.evidence.find((e) => e.field === 'registryId')).toBeUndefined();
      expect(accountBlockingKeys(accountFeatures({ name: 'Foo Ltd', registryId: id })).filter((k) => k.startsWith('A|r:'))).toEqual([]);
    });

  it('a real id still agrees at full weight', () => {
    expect(score({ name: 'Foo Ltd', registryId: 'GB 243 7938 13' }, { name: 'Foo Limited', registryId: 'GB243793813' }).evidence.find((e) => e.field === 'registryId')?.level).toBe('SAME');
  });
});

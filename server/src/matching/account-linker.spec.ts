import { countsFrom } from './account-linker';
import { StoredAccount } from './blocking';

const stored = (id: string, accountId: string | null, nameNorm: string, phone: string | null = null): StoredAccount => ({
  id, accountId, nameNorm, phone, domains: [], registryId: null, addressNorm: null, postalCode: null, legalForm: null,
});

describe('countsFrom', () => {
  it('counts the accounts that hold a name, not the records of this batch not linked yet', () => {
    // Three copies of one new customer in the batch, and two accounts already named so.
    const counts = countsFrom([
      stored('r1', null, 'acme'), stored('r2', null, 'acme'), stored('r3', null, 'acme'),
      stored('s1', 'A', 'acme'), stored('s2', 'A', 'acme'), stored('s3', 'B', 'acme'),
    ]);
    expect(counts.name('acme')).toBe(2);
    expect(countsFrom([stored('r1', null, 'acme'), stored('r2', null, 'acme')]).name('acme')).toBe(0);
  });

  it('counts the accounts that hold a phone the same way: a switchboard is a number several accounts share', () => {
    expect(countsFrom([stored('r1', null, 'a', '5550100'), stored('r2', null, 'b', '5550100'), stored('s1', 'A', 'c', '5550100')]).phone('5550100')).toBe(1);
    expect(countsFrom([stored('s1', 'A', 'a', '5550100'), stored('s2', 'B', 'b', '5550100'), stored('s3', 'B', 'c', '5550100')]).phone('5550100')).toBe(2);
  });

  it('counts the accounts whose name has a word, as a whole word only', () => {
    const counts = countsFrom([
      stored('r1', null, 'delta'), stored('s1', 'A', 'delta motors'), stored('s2', 'A', 'delta'), stored('s3', 'B', 'delta foods'), stored('s4', 'C', 'deltaform'),
    ]);
    expect(counts.nameWord('delta')).toBe(2);
    expect(counts.nameWord('foods')).toBe(1);
    expect(counts.nameWord('form')).toBe(0);
  });
});

import { divisionSlug, LabeledDataset, subset, toBatches, truthOf } from './datasets';

const dataset = (entities: string[]): LabeledDataset => ({
  id: 't',
  title: 't',
  kind: 'ACCOUNT',
  divisions: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }],
  setup: [],
  records: entities.map((entity, i) => ({ division: i < 4 ? 'a' : 'b', sourceSystem: 's', entity, input: { externalId: String(i), name: `n${i}` } })),
});

describe('labelled data sets', () => {
  it('makes division keys from file names', () => {
    expect(divisionSlug('DFSS_AgencySiteLies_2012.csv')).toBe('dfss-agencysitelies-2012');
    expect(divisionSlug('Ounce of Prevention - Site Locations.csv')).toBe('ounce-of-prevention-site-locations');
    expect(divisionSlug('2012 list.csv')).toBe('d-2012-list');
    expect(divisionSlug('x'.repeat(60))).toHaveLength(40);
  });

  it('draws deterministic subsets of whole entities, spread within an entity when capped', () => {
    const d = dataset(['p', 'p', 'q', 'p', 'r', 'p', 'q', 's']);
    expect(subset(d, { maxEntities: 2 }).records.map((r) => r.input.externalId)).toEqual(['0', '1', '2', '3', '5', '6']);
    // p has records 0, 1, 3, 5: two of them spread → 0 and 3.
    expect(subset(d, { maxPerEntity: 2 }).records.map((r) => r.input.externalId)).toEqual(['0', '2', '3', '4', '6', '7']);
    expect(subset(d, { maxRecords: 5 }).records).toHaveLength(5);
    expect(truthOf(subset(d, { maxEntities: 1 }))).toEqual(new Map([['a/0', 'p'], ['a/1', 'p'], ['a/3', 'p'], ['b/5', 'p']]));
  });

  it('batches consecutive records of one division, at most `size` each', () => {
    const batches = toBatches(dataset(['p', 'p', 'q', 'p', 'r', 'p', 'q', 's']), 3);
    expect(batches.map((b) => `${b.division}:${b.accounts!.length}`)).toEqual(['a:3', 'a:1', 'b:3', 'b:1']);
  });
});

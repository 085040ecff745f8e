import { peopleMergedTo } from './contact-linker';

describe('peopleMergedTo', () => {
  it('sends each merged person to the one left at the end of its chain', () => {
    expect(peopleMergedTo([{ from: 'a', into: 'b' }, { from: 'b', into: 'c' }])).toEqual(new Map([['a', 'c'], ['b', 'c']]));
    expect(peopleMergedTo([{ from: 'b', into: 'c' }, { from: 'a', into: 'b' }])).toEqual(new Map([['a', 'c'], ['b', 'c']]));
  });

  it('merges two people into one once, however many merges name them (also the other way round)', () => {
    expect(peopleMergedTo([{ from: 'a', into: 'c' }, { from: 'b', into: 'c' }])).toEqual(new Map([['a', 'c'], ['b', 'c']]));
    expect(peopleMergedTo([{ from: 'a', into: 'b' }, { from: 'b', into: 'a' }])).toEqual(new Map([['a', 'b']]));
    expect(peopleMergedTo([{ from: 'a', into: 'a' }])).toEqual(new Map());
  });
});

import { buildSchema, DocumentNode, parse, specifiedRules, validate } from 'graphql';
import { ShapeLimitsRule } from './limits';

const schema = buildSchema('type Query { a: Int }');

/** A document whose top-level definitions are counted each time they are read. */
function counted(document: DocumentNode): { document: DocumentNode; reads: () => number } {
  let reads = 0;
  const { definitions } = document;
  const copy = { ...document } as { definitions: DocumentNode['definitions'] };
  Object.defineProperty(copy, 'definitions', { enumerable: true, get: () => ((reads += 1), definitions) });
  return { document: copy as unknown as DocumentNode, reads: () => reads };
}

describe('ShapeLimitsRule', () => {
  // Found by exploratory testing: the rule collected the document's fragments again for each operation, so a
  // document of n operations took n × n steps; 30,000 operations (830 KB, sent anonymously) held the server's one
  // thread for 26 s, and an 8 MB body would have held it for most of an hour.
  it('reads the document once, however many operations it holds', () => {
    for (const operations of [10, 1000]) {
      const { document, reads } = counted(parse(Array.from({ length: operations }, (_, i) => `query q${i} { a }`).join(' ')));
      expect(validate(schema, document, [ShapeLimitsRule])).toEqual([]);
      expect(reads()).toBeLessThanOrEqual(3);
    }
  });

  it('still follows fragments spread in every operation', () => {
    const fields = Array.from({ length: 300 }, () => 'a').join(' ');
    const document = parse(`query one { ...F } query two { ...F ...F } fragment F on Query { ${fields} }`);
    expect(validate(schema, document, [ShapeLimitsRule]).map((e) => e.message)).toEqual(['The query selects more than 500 fields.']);
  });

  describe('fragments spreading fragments', () => {
    const rules = [...specifiedRules, ShapeLimitsRule];
    const chain = (length: number, last: string) =>
      '{ ...f0 } ' + Array.from({ length }, (_, i) => `fragment f${i} on Query { ${i + 1 < length ? `...f${i + 1}` : last} }`).join(' ');
    const tooDeep = 'The query spreads fragments more than 20 deep (a fragment spreading one that spreads another …); at most 20 are allowed.';

    // Found by exploratory testing: GraphQL's own rules follow a chain of 4,000 by recursion and overflowed the stack.
    it('ends validation with one error when they spread more than 20 deep, before the recursive rules run', () => {
      expect(validate(schema, parse(chain(4000, 'a')), rules).map((e) => e.message)).toEqual([tooDeep]);
      expect(validate(schema, parse(chain(21, 'a')), rules).map((e) => e.message)).toEqual([tooDeep]);
      expect(validate(schema, parse(chain(20, 'a')), rules)).toEqual([]);
      // Unused, they would still be followed by the rule that looks for cycles.
      const unused = Array.from({ length: 4000 }, (_, i) => `fragment g${i} on Query { ${i + 1 < 4000 ? `...g${i + 1}` : 'a'} }`).join(' ');
      expect(validate(schema, parse(`{ a } ${unused}`), rules).map((e) => e.message)).toEqual([tooDeep]);
    });

    it('refuses a long cycle, and among few fragments leaves a cycle to GraphQL and its message', () => {
      expect(validate(schema, parse(chain(4000, '...f0')), rules).map((e) => e.message)).toEqual([tooDeep]);
      const others = Array.from({ length: 25 }, (_, i) => `fragment g${i} on Query { a }`).join(' ');
      expect(validate(schema, parse(`${chain(3, '...f0')} ${others}`), [ShapeLimitsRule]).map((e) => e.message)).toEqual(['Cannot spread fragment "f0" within itself.']);
      expect(validate(schema, parse(chain(3, '...f0')), rules).map((e) => e.message)).toEqual(['Cannot spread fragment "f0" within itself via "f1", "f2".']);
    });

    it('walks each fragment once: 10 layers of 30 fragments, each spreading all of the next layer', () => {
      const layers = 10;
      const width = 30;
      const fragments = Array.from({ length: layers * width }, (_, i) => {
        const layer = Math.floor(i / width);
        const next = layer + 1 < layers ? Array.from({ length: width }, (_, j) => `...f${(layer + 1) * width + j}`).join(' ') : '';
        return `fragment f${i} on Query { a ${next} }`;
      });
      const started = process.hrtime.bigint();
      const errors = validate(schema, parse(`{ ...f0 } ${fragments.join(' ')}`), [ShapeLimitsRule]);
      // 30^9 paths through them: the shape limits stop at the 501st field, the depth check sees each fragment once.
      expect(errors.map((e) => e.message)).toEqual(['The query selects more than 500 fields.']);
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
    });
  });
});

import { buildSchema, DocumentNode, parse, validate } from 'graphql';
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
});

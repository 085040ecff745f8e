import { accountBlockingKeys, contactBlockingKeys, contactLikeness } from './blocking-keys';
import { AccountFeatures, ContactFacts, contactFeatures } from './features';

/** Any day: these facts give no birthday to come. */
const NOW = new Date('2026-01-01T00:00:00Z');
const keys = (facts: ContactFacts) => contactBlockingKeys(contactFeatures(facts, NOW), 'acc');
const shared = (a: ContactFacts, b: ContactFacts) => keys(a).filter((k) => keys(b).includes(k));

describe('contactBlockingKeys', () => {
  it('keys a full record within its account (the first name by its canonical form), and its email and phone everywhere', () => {
    expect(keys({ name: 'Ann Dubois', emails: ['ann.d@acme.example'], phones: ['+44 20 7150 7551'], birthday: '1980-02-03' }).sort()).toEqual([
      'C|acc|b:1980-02-03', 'C|acc|l:anne', 'C|acc|l:dubois', 'C|acc|m:1980-02', 'C|acc|s:A500', 'C|acc|s:D120',
      'C|acc|u:ann.d', 'C|acc|y:anne:1980', 'C|e:ann.d@acme.example', 'C|p:071507551',
    ]);
  });

  it.each<[string, ContactFacts, ContactFacts, string]>([
    ['one mailbox at a mistyped domain', { name: 'A', emails: ['ar20@miller-torres.example'] }, { name: 'B', emails: ['ar20@miller-t0rres.example'] }, 'C|acc|u:ar20'],
    ['a mistyped birth day', { name: 'A', birthday: '1980-02-03' }, { name: 'B', birthday: '1980-02-13' }, 'C|acc|m:1980-02'],
    ['first and last swapped, one with a typo', { name: 'X', firstName: 'Rowe', lastName: 'Caleb' }, { name: 'X', firstName: 'Caleb', lastName: 'Rwoe' }, 'C|acc|s:R000'],
  ])('%s share a key', (_, a, b, key) => {
    expect(shared(a, b)).toContain(key);
  });

  it('a placeholder name gives no name keys', () => {
    expect(keys({ name: 'Unknown', birthday: '1980-02-03' }).filter((k) => /\|(l|s|y):/.test(k))).toEqual([]);
  });
});

describe('contactLikeness', () => {
  it.each<[string, ContactFacts, string | null]>([
    ['every feature, nickname as the full name, each mailbox', { name: 'Bob Smith', birthday: '1971-06-24', city: 'London', emails: ['r.smith@acme.example', 'bob@home.example'] }, 'robert smith 1971 06 24 london bob r.smith'],
    ['a first name only', { name: 'X', firstName: 'Oievr', city: 'Londn' }, 'oievr londn'],
    ['no name: what else there is', { name: 'Unknown', birthday: '1978-05-01', city: 'Southend-on-Sea' }, '1978 05 01 southendonsea'],
    ['nothing to compare', { name: 'Unknown' }, null],
  ])('%s', (_, facts, expected) => {
    expect(contactLikeness(contactFeatures(facts, NOW))).toBe(expected);
  });
});

const record = (nameNorm: string): AccountFeatures => ({ nameNorm, domains: [], registryId: null, phone: null, addressNorm: null, postalCode: null, legalForm: null });
const sharedByName = (a: string, b: string) => accountBlockingKeys(record(a)).filter((k) => accountBlockingKeys(record(b)).includes(k));

describe('accountBlockingKeys', () => {
  it('finds a name written with its words run together or split apart', () => {
    expect(sharedByName('gist brocades', 'gistbrocades')).toEqual(['A|n:gistbrocades']);
    expect(sharedByName('st microsystems', 'stmicrosystems')).toEqual(['A|n:stmicrosystems']);
  });

  it('keys a name by itself, its words, their Soundex and prefixes', () => {
    expect(accountBlockingKeys(record('acme trading'))).toEqual(['A|n:acme trading', 'A|n:acmetrading', 'A|w:acme', 'A|s:A250', 'A|w:trading', 'A|s:T635', 'A|f:acme trad']);
    // A one-word name is already written without spaces: one name key, not two alike.
    expect(accountBlockingKeys(record('initech'))).toEqual(['A|n:initech', 'A|w:initech', 'A|s:I532']);
  });
});

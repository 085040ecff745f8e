import { canonicalFirstName, isPlaceholderName, normalizeWord, parsePersonName } from './person-name';
import { NICKNAME_GROUPS } from './nicknames';

describe('parsePersonName', () => {
  it.each([
    // Examples from the spec
    ['Bob Smith', 'bob', 'smith', 'robert', 'bob smith'],
    ['Smith, Robert', 'robert', 'smith', 'robert', 'robert smith'],
    ['Dr. Robert J. Smith Jr.', 'robert', 'smith', 'robert', 'robert smith'],
    ["Mr Bill O'Neil", 'bill', 'oneil', 'william', 'bill oneil'],
    ['María-José García López', 'mariajose', 'lopez', 'mariajose', 'mariajose lopez'],
    ['Robert Smith <bob@acme.com>', 'robert', 'smith', 'robert', 'robert smith'],
    ['Madonna', 'madonna', '', 'madonna', 'madonna'],
    // Comma forms with suffixes and titles
    ['Robert Smith, Jr.', 'robert', 'smith', 'robert', 'robert smith'],
    ['Smith Jr., Robert', 'robert', 'smith', 'robert', 'robert smith'],
    ['Smith, Dr. Robert J., PhD', 'robert', 'smith', 'robert', 'robert smith'],
    ['García López, María José', 'maria', 'lopez', 'maria', 'maria lopez'],
    ['Smith, ', 'smith', '', 'smith', 'smith'],
    // Titles and suffixes
    ['Prof. Dr. Angela Merkel', 'angela', 'merkel', 'angela', 'angela merkel'],
    ['Martin Luther King III', 'martin', 'king', 'martin', 'martin king'],
    ['Jane Doe, MD, PhD', 'jane', 'doe', 'jane', 'jane doe'],
    ['Mr Smith', '', 'smith', '', 'smith'],
    ['Yo-Yo Ma', 'yoyo', 'ma', 'yoyo', 'yoyo ma'],
    // Middle names, initials, particles
    ['J. R. R. Tolkien', 'j', 'tolkien', 'j', 'j tolkien'],
    ['Ludwig van Beethoven', 'ludwig', 'beethoven', 'ludwig', 'ludwig beethoven'],
    ['ROBERT JAMES SMITH', 'robert', 'smith', 'robert', 'robert smith'],
    // Nicknames and e-mail display forms
    ['Robert "Bob" Smith', 'robert', 'smith', 'robert', 'robert smith'],
    ['Robert (Bob) Smith', 'robert', 'smith', 'robert', 'robert smith'],
    ['"Smith, Katie" <katie@acme.com>', 'katie', 'smith', 'katherine', 'katie smith'],
    ['bob@acme.com (Bob Smith)', 'bob', 'smith', 'robert', 'bob smith'],
    // Whitespace and unicode
    ['  Bob    Smith  ', 'bob', 'smith', 'robert', 'bob smith'],
    ['ZOË SALDAÑA', 'zoe', 'saldana', 'zoe', 'zoe saldana'],
    ['Søren Kierkegaard', 'soren', 'kierkegaard', 'soren', 'soren kierkegaard'],
    ['Иван Петров', 'иван', 'петров', 'иван', 'иван петров'],
    // A title or qualifier that is a given name too is the given name without a given name after it (found in review).
    ['Dr. Phil Jones', 'phil', 'jones', 'philip', 'phil jones'],
    ['Prof. Nat Smith', 'nat', 'smith', 'nathaniel', 'nat smith'],
    ['Mag Ruffman', 'mag', 'ruffman', 'mag', 'mag ruffman'],
    ['Dr. phil. Hans Müller', 'hans', 'muller', 'hans', 'hans muller'],
  ])('%j → first %j, last %j, canonical %j, key %j', (raw, first, last, firstCanonical, key) => {
    expect(parsePersonName(raw)).toEqual({ first, last, firstCanonical, key, generation: expect.any(String) });
  });

  // Found by exploratory testing: German and Austrian academic titles were read as the first name ("med", "rer", "mag").
  it.each([
    ['Dr. med. Hans Müller', 'hans', 'muller'],
    ['Dr. rer. nat. Anna Schmidt', 'anna', 'schmidt'],
    ['Dr. phil. Eva Berger', 'eva', 'berger'],
    ['Mag. Eva Huber', 'eva', 'huber'],
    ['Univ.-Prof. Dr. Karl Gruber', 'karl', 'gruber'],
    ['Priv.-Doz. Dr. med. Jan Berger', 'jan', 'berger'],
    ['Dipl.-Kfm. Thomas Weiß', 'thomas', 'weiss'],
    ['Dipl.-Ing. Franz Bauer', 'franz', 'bauer'],
    ['Dr.-Ing. Franz Bauer', 'franz', 'bauer'],
    ['Ing. Josef Wagner', 'josef', 'wagner'],
    ['Prof. Dr. Dr. h.c. Hans Müller', 'hans', 'muller'],
    ['Müller, Dr. med. Hans', 'hans', 'muller'],
    ['Hans Müller, Dr. med.', 'hans', 'muller'],
    ['Hans Müller, MBA', 'hans', 'muller'],
    ['Hans Müller PhD', 'hans', 'muller'],
    ['Dr. med. Müller', '', 'muller'],
    ['Dr. H. Müller', 'h', 'muller'],
    // What follows a title is a name when no title comes before it.
    ['Nat Cole', 'nat', 'cole'],
    ['Cole, Nat', 'nat', 'cole'],
  ])('%j → first %j, last %j', (raw, first, last) => {
    expect(parsePersonName(raw)).toMatchObject({ first, last });
  });

  it.each([
    ['John Smith Jr.', 'jr'], ['John Smith, Sr.', 'sr'], ['Smith Jr., John', 'jr'], ['Martin Luther King III', 'iii'],
    ['John Smith Jnr', 'jr'], ['John Smith, Jr., PhD', 'jr'], ['Sr. Juan García', ''], ['John Smith', ''],
  ])('%j is of generation %j', (raw, generation) => {
    expect(parsePersonName(raw).generation).toBe(generation);
  });

  it.each([[''], ['   '], ['bob@acme.com'], ['<bob@acme.com>'], ['., -'], ['Mr'], ['Dr., PhD']])('%j has no name', (raw) => {
    expect(parsePersonName(raw)).toEqual({ first: '', last: '', firstCanonical: '', key: '', generation: '' });
  });
});

describe('canonicalFirstName', () => {
  it.each([
    ['bob', 'robert'], ['Rob', 'robert'], ['ROBBIE', 'robert'], ['bobby', 'robert'], ['Robert', 'robert'],
    ['bill', 'william'], ['will', 'william'], ['billy', 'william'], ['willy', 'william'], ['liam', 'william'],
    ['liz', 'elizabeth'], ['beth', 'elizabeth'], ['betty', 'elizabeth'], ['lizzie', 'elizabeth'], ['eliza', 'elizabeth'],
    ['jim', 'james'], ['jimmy', 'james'], ['jamie', 'james'],
    ['mike', 'michael'], ['mick', 'michael'],
    ['kate', 'katherine'], ['katie', 'katherine'], ['kathy', 'katherine'], ['cathy', 'katherine'], ['kat', 'katherine'],
    ['catherine', 'katherine'], ['kathryn', 'katherine'],
    ['jon', 'john'], ['johnny', 'john'], ['jack', 'john'],
    ['peggy', 'margaret'], ['maggie', 'margaret'], ['meg', 'margaret'],
    ['dick', 'richard'], ['rick', 'richard'], ['rich', 'richard'],
    ['chris', 'christopher'], ['tom', 'thomas'], ['tony', 'anthony'], ['sam', 'samuel'], ['alex', 'alexander'],
    ['dave', 'david'], ['dan', 'daniel'], ['danny', 'daniel'],
    ['ed', 'edward'], ['eddie', 'edward'], ['ted', 'edward'],
    // Unknown names map to themselves, normalised
    ['Zoë', 'zoe'], ['  Xavier ', 'xavier'], ['Elisa', 'elisa'], ['', ''],
  ])('%j → %j', (first, expected) => {
    expect(canonicalFirstName(first)).toBe(expected);
  });

  it('has at least 150 nickname groups', () => {
    expect(NICKNAME_GROUPS.length).toBeGreaterThanOrEqual(150);
  });

  it('is many-to-one: every variant belongs to exactly one group and no canonical name is a variant', () => {
    const variants = NICKNAME_GROUPS.flatMap(([, v]) => v);
    const canonicals = NICKNAME_GROUPS.map(([c]) => c);
    expect(new Set(variants).size).toBe(variants.length);
    expect(new Set(canonicals).size).toBe(canonicals.length);
    expect(variants.filter((v) => canonicals.includes(v))).toEqual([]);
  });

  it('holds normalised names and is idempotent', () => {
    for (const [canonical, variants] of NICKNAME_GROUPS) {
      for (const name of [canonical, ...variants]) {
        expect(normalizeWord(name)).toBe(name);
        expect(canonicalFirstName(name)).toBe(canonical);
      }
    }
  });
});

describe('normalizeWord', () => {
  it.each([
    ["O'Neil", 'oneil'],
    ['José', 'jose'],
    ['María-José', 'mariajose'],
    ['  Smith  ', 'smith'],
    ['R2-D2', 'r2d2'],
    ['Straße', 'strasse'],
    ['Łukasz', 'lukasz'],
    ['ＡＢＣ', 'abc'],
    ['', ''],
    ['---', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeWord(input)).toBe(expected);
  });
});

describe('placeholder names', () => {
  it.each([['Unknown'], ['UNKNOWN'], ['N/A'], ['n.a.'], ['(none)'], ['No Name'], ['Not known'], ['TBD']])('%j is no name', (raw) => {
    expect(isPlaceholderName(raw)).toBe(true);
    expect(parsePersonName(raw)).toEqual({ first: '', last: '', firstCanonical: '', key: '', generation: '' });
  });

  // Found by exploratory testing: two such contacts with different emails were auto-linked on the "name".
  it.each([['Unknown Unknown'], ['N/A N/A'], ['TBD TBD'], ['unknown  N/A']])('%j, placeholders only, is no name', (raw) => {
    expect(isPlaceholderName(raw)).toBe(true);
    expect(parsePersonName(raw)).toMatchObject({ first: '', last: '', key: '' });
  });

  it.each([['Na'], ['Ann Na'], ['Nil Patel'], ['Unknown Smith']])('%j is a name', (raw) => {
    expect(isPlaceholderName(raw)).toBe(false);
  });
});

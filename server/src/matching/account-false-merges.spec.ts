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

describe('registry ids of different kinds beside a shared domain', () => {
  const initrodeHolding = { name: 'InitrodeB4 Holding AG', website: 'initrodeb4.com', registryId: 'CHE-105.805.649' };
  const initrodeLogistics = { name: 'InitrodeB4 Logistics GmbH', website: 'initrodeb4.com', registryId: 'DE123456789' };

  it('two companies of one group (a shared domain, ids of different kinds) are not linked: vetoed, so the newer becomes a child', () => {
    const s = score(initrodeHolding, initrodeLogistics);
    expect(linked(s)).toBe(false);
    expect(s.veto).not.toBeNull();
    expect(s.evidence.find((e) => e.field === 'domain')?.level).toBe('SHARED');
  });

  it('as for ids of the same kind (HRB 12345 / HRB 67890)', () => {
    const s = score({ ...initrodeHolding, registryId: 'HRB 12345' }, { ...initrodeLogistics, registryId: 'HRB 67890' });
    expect(s.veto).not.toBeNull();
  });

  it('an exact name beside the shared domain still says they are one company, unless it states two legal forms', () => {
    expect(linked(score({ ...initrodeHolding, name: 'InitrodeB4 AG' }, { ...initrodeLogistics, name: 'InitrodeB4 AG' }))).toBe(true);
    // A Swiss AG and a German GmbH of one name, each with its country's id: two companies of one group.
    expect(score({ ...initrodeHolding, name: 'InitrodeB4 AG' }, { ...initrodeLogistics, name: 'InitrodeB4 GmbH' }).veto).not.toBeNull();
  });

  // The first version of the veto split the demo's customers: one company's divisions gave its company number and its
  // VAT number, under names alike but not equal.
  it.each([
    [{ name: 'The Vertex Media', website: 'http://vertexmedia.co.uk/about', registryId: 'Company No. 09867938' }, { name: 'Vertex Media (Manchester)', website: 'vertexmedia.co.uk', registryId: 'GB575406767' }],
    [{ name: 'Juniper Log.', website: 'http://juniperlogistics.com/about', registryId: 'EIN79-2776534' }, { name: 'Juniper Logistics, Ltd', website: 'juniperlogistics.com', registryId: 'GB575406767' }],
  ])('names alike beside the shared domain say one company whatever kinds of id they give (%#)', (x, y) => {
    const s = score(x, y);
    expect(s.veto).toBeNull();
    expect(linked(s)).toBe(true);
  });

  // Found in review: with the veto kept to names weighing nothing, these linked again.
  it('names stating two legal forms beside the shared domain are two companies of the group, however alike', () => {
    const s = score({ name: 'Acme Holding AG', website: 'acme-group.com', registryId: 'CHE-105.805.649' }, { name: 'Acme Logistics GmbH', website: 'acme-group.com', registryId: 'DE123456789' });
    expect(s.veto).not.toBeNull();
  });

  // Issue 4: "Siemens Healthineers AG" or "Siemens Energy AG" beside "Siemens AG" at siemens.com names a legal entity of its
  // own (a word the other name lacks, beside its legal form), or a company written twice: a person decides. Whatever ids
  // they give, or none, unless one both give agrees: the pair is reviewed, never auto-linked, and not vetoed (a veto asks
  // no one, and one company's HRB number and VAT id made it a child of itself).
  const siemens = { name: 'Siemens AG', website: 'https://www.siemens.com', registryId: 'HRB 6684' };
  const healthineers = { name: 'Siemens Healthineers AG', website: 'siemens.com', registryId: 'DE 813 169 429' };
  const reviewed = (s: PairScore) => s.veto === null && s.score < rules.autoLink && s.score >= rules.review;
  it.each([
    [siemens, healthineers],
    [healthineers, siemens],
    [{ ...siemens, name: 'Siemens' }, healthineers],
    [{ ...siemens, name: 'Siemens Aktiengesellschaft' }, { ...healthineers, name: 'Siemens Healthineers Aktiengesellschaft' }],
    // An industry word names a company as well as any other: Siemens Energy is a listed company of its own.
    [siemens, { name: 'Siemens Energy AG', website: 'siemens.com', registryId: 'DE 813 169 429' }],
    [siemens, { name: 'Siemens Healthcare AG', website: 'siemens.com', registryId: 'DE 813 169 429' }],
    [{ name: 'Acme AG', website: 'acme.de', registryId: 'HRB 12345' }, { name: 'Acme Logistics AG', website: 'acme.de', registryId: 'DE123456789' }],
    // A registry id missing on one side or both.
    [siemens, { name: 'Siemens Healthineers AG', website: 'siemens.com' }],
    [{ name: 'Acme Corp', website: 'acme.com', registryId: 'EIN 12-3456789' }, { name: 'Acme Robotics Corp', website: 'acme.com' }],
    [{ name: 'Acme Corp', website: 'acme.com' }, { name: 'Acme Robotics Corp', website: 'acme.com' }],
    // One company's HRB number and VAT id: reviewed, no longer made a child of itself.
    [{ name: 'Brenner GmbH', website: 'brenner.de', registryId: 'HRB 12345' }, { name: 'Brenner Kältetechnik GmbH', website: 'brenner.de', registryId: 'DE123456789' }],
    // Words on both sides, the names merely similar.
    [{ name: 'Acme Foods Benelux BV', website: 'acmefoods.com', registryId: 'KvK 12345678' }, { name: 'Acme Foods Nederland BV', website: 'acmefoods.com', registryId: 'NL123456789B01' }],
    // A site written before the legal form: a person tells it from a company (the hub knows no places).
    [{ name: 'Vertex Media Ltd', website: 'vertexmedia.co.uk' }, { name: 'Vertex Media Manchester Ltd', website: 'vertexmedia.co.uk' }],
  ])('a name adding a word beside its legal form, at a shared domain, is reviewed, not auto-linked nor vetoed (%#)', (x, y) => {
    const s = score(x, y);
    expect(reviewed(s)).toBe(true);
    expect(s.evidence.find((e) => e.field === 'name' && e.level === 'WORD_ADDED')?.note).toMatch(/only one name has/);
    expect(s.evidence.find((e) => e.field === 'domain')?.level).toBe('SHARED');
  });

  it('however much else agrees: the same address and switchboard do not lift the pair to an auto-link', () => {
    const at = { address: '1 Werner-von-Siemens-Straße', postalCode: '80333', phone: '+49 89 636 00' };
    const s = score({ ...siemens, ...at }, { ...healthineers, ...at });
    expect(reviewed(s)).toBe(true);
  });

  it('registry ids of one kind that agree say they are one company: linked; that differ: a group, vetoed', () => {
    expect(linked(score({ ...siemens, registryId: 'DE 813 169 429' }, healthineers))).toBe(true);
    expect(linked(score({ ...siemens, registryId: '813169429' }, healthineers))).toBe(true);
    expect(score({ ...siemens, registryId: 'DE 111 222 333' }, healthineers).veto).toMatch(/registry ids differ/);
  });

  // What keeps one company's records together: the demo's divisions write its city after its name without a legal form,
  // an abbreviation or a typo is no other word. Known gap: "Siemens Healthineers" without a legal form beside "Siemens AG"
  // still auto-links (the hub cannot tell a company's word from a site's there).
  it.each([
    [{ name: 'Vertex Media Ltd', website: 'vertexmedia.co.uk', registryId: 'Company No. 09867938' }, { name: 'Vertex Media Manchester', website: 'vertexmedia.co.uk', registryId: 'GB575406767' }],
    [{ name: 'Vertex Media Ltd', website: 'vertexmedia.co.uk', registryId: 'Company No. 09867938' }, { name: 'Vertex Media (Manchester)', website: 'vertexmedia.co.uk', registryId: 'GB575406767' }],
    [{ name: 'Juniper Log. Ltd', website: 'juniperlogistics.com', registryId: 'EIN79-2776534' }, { name: 'Juniper Logistics, Ltd', website: 'juniperlogistics.com', registryId: 'GB575406767' }],
    [{ name: 'Northwind Works Inc.', website: 'northwindworks.fr', registryId: 'FR-359110575' }, { name: 'Northwwind Works Inc.', website: 'northwindworks.fr', registryId: 'RCS 108 478 052' }],
    [{ name: 'Siemens AG', website: 'siemens.com', registryId: 'HRB 6684' }, { name: 'Siemens Healthineers', website: 'siemens.com' }],
    // Two typos of one word, two edits apart (the demo's default seed: reviewed by the first version of the cap).
    [{ name: 'Junipeer GmbH', website: 'juniper.ch', registryId: 'CHE-123.456.789' }, { name: 'Junper GmbH', website: 'juniper.ch' }],
  ])('a site, an abbreviation, a typo or a word without a legal form still links (%#)', (x, y) => {
    const s = score(x, y);
    expect(s.veto).toBeNull();
    expect(linked(s)).toBe(true);
  });

  it.each([
    [{ name: 'IBM', website: 'ibm.com', registryId: 'US 13-0871985' }, { name: 'International Business Machines Corp', website: 'www.ibm.com', registryId: '13-0871985' }],
    [{ name: 'Nordwind Handel', website: 'nordwind.de', registryId: 'DE123456789' }, { name: 'NW Trading', website: 'nordwind.de', registryId: '123456789' }],
  ])('one number written with and without its letters is no conflict (%#)', (x, y) => {
    expect(score(x, y).veto).toBeNull();
  });

  it('a record with one id and another without any still links on name and domain', () => {
    expect(linked(score({ name: 'ACME Corp.', website: 'acme.com', registryId: 'DE123456789' }, { name: 'Acme Corporation Inc', website: 'https://www.acme.com' }))).toBe(true);
  });

  it.each([
    ['CHE-123.456.789 MWST', 'CHE-123.456.789 TVA'], ['CHE-123.456.789 MWST', 'CHE123456789'], ['CHE-123.456.789 IVA', 'che 123 456 789 vat'],
  ])('%j and %j are one Swiss UID (its VAT suffix in another language)', (x, y) => {
    expect(score({ name: 'Acme AG', registryId: x }, { name: 'Acme SA', registryId: y }).evidence.find((e) => e.field === 'registryId')?.level).toBe('SAME');
  });

  it('"DE123456789" and "123456789" are of different kinds, no conflict', () => {
    const s = score({ name: 'Acme GmbH', registryId: 'DE123456789' }, { name: 'Acme GmbH', registryId: '123456789' });
    expect(s.veto).toBeNull();
    expect(linked(s)).toBe(true);
  });
});

describe('leading initials are not a leading legal form', () => {
  it.each([
    ['A.B. Dick Company', 'Dick Company'], ['A. B. Smith Ltd', 'Smith Ltd'], ['N.V. Ramana Ltd', 'Ramana Ltd'],
    ['AB Electronics Ltd', 'Electronics Ltd'], ['NV Energy, Inc.', 'Energy Inc'],
  ])('%j and %j are not linked on the name alone', (x, y) => {
    expect(linked(score({ name: x }, { name: y }))).toBe(false);
  });

  it.each([['N.V. Nutricia', 'Nutricia N.V.'], ['AB SKF', 'SKF AB'], ["N.V. Philips' Gloeilampenfabrieken", 'Philips Gloeilampenfabrieken N.V.']])(
    '%j and %j still are', (x, y) => {
      expect(linked(score({ name: x }, { name: y }))).toBe(true);
    });
});

describe('tenants of a web host or site builder, and shops on a marketplace', () => {
  it.each([
    ['https://baeckerei-mueller.jimdofree.com', 'https://metzgerei-mueller.jimdofree.com'],
    ['https://mueller-1.business.site', 'https://mueller-2.business.site'],
    ['https://mueller.blogspot.co.uk', 'https://muller.blogspot.co.uk'],
    ['https://www.etsy.com/shop/MuellerBakes', 'https://www.etsy.com/shop/MuellerMeats'],
    ['https://www.amazon.com/shops/mueller1', 'https://www.amazon.com/shops/mueller2'],
  ])('"Bäckerei Müller" at %s and "Metzgerei Müller" at %s are not linked', (x, y) => {
    expect(linked(score({ name: 'Bäckerei Müller', website: x }, { name: 'Metzgerei Müller', website: y }))).toBe(false);
  });

  it('one tenant sent twice still links on its site', () => {
    expect(linked(score({ name: 'Bäckerei Müller', website: 'baeckerei-mueller.jimdofree.com' }, { name: 'Baeckerei Mueller GmbH', website: 'https://baeckerei-mueller.jimdofree.com/' }))).toBe(true);
  });
});

describe('free-mail domains of every region are no company evidence', () => {
  it.each(['outlook.com.br', 'live.se', 'foxmail.com', 'nate.com', 'docomo.ne.jp', 'op.pl', 'mweb.co.za', 'telia.com', 'email.de', 'infinitum.com.mx', 'kabelbw.de'])('"Acme Tools" and "Acme Toys" both mailing from %s are not linked', (d) => {
    expect(linked(score({ name: 'Acme Tools', emails: [`ana@${d}`] }, { name: 'Acme Toys', emails: [`bo@${d}`] }))).toBe(false);
  });
});

describe('a name written as a web address', () => {
  // Found by exploratory testing: "müller-maschinenbau.de" as a name was compared as its punycode.
  it('is the company its first label names, read as people read it', () => {
    expect(accountFeatures({ name: 'müller-maschinenbau.de' }).nameNorm).toBe(accountFeatures({ name: 'Müller Maschinenbau GmbH' }).nameNorm);
    const s = score({ name: 'Müller Maschinenbau GmbH', website: 'https://www.müller-maschinenbau.de/kontakt' }, { name: 'müller-maschinenbau.de' });
    expect(linked(s)).toBe(true);
  });
});

describe('a register number and the court it is filed at', () => {
  // Found by exploratory testing: the court glued on made another number of the same kind, a veto against one company.
  it('"HRB 12345 (Amtsgericht München)" and "HRB 12345" are one number', () => {
    const s = score({ name: 'Schmidt Anlagenbau GmbH', registryId: 'HRB 12345 (Amtsgericht München)', website: 'schmidt-anlagenbau.de' },
      { name: 'Schmidt Anlagenbau GmbH', registryId: 'HRB 12345', website: 'http://www.schmidt-anlagenbau.de/' });
    expect(s.veto).toBeNull();
    expect(s.evidence.find((e) => e.field === 'registryId')?.level).toMatch(/^SAME/);
  });

  // Found in review: the court dropped, "HRB 12345 (Amtsgericht München)" and "HRB 12345 (Amtsgericht Hamburg)" were one id,
  // and two companies auto-linked on it alone. A German register number is unique only at its court.
  const marrowgate = { name: 'Marrowgate Bau GmbH', registryId: 'HRB 12345 (Amtsgericht München)' };
  const lunaforge = { name: 'Lunaforge Tech GmbH', registryId: 'HRB 12345 (Amtsgericht Hamburg)' };

  it('one number filed at two courts is two companies: vetoed, as differing ids of one kind are', () => {
    const s = score(marrowgate, lunaforge);
    expect(linked(s)).toBe(false);
    expect(s.veto).toMatch(/registry ids differ/);
    expect(s.evidence.find((e) => e.field === 'registryId')?.level).toBe('CONFLICT');
    // Even where everything else agrees: another court is another legal entity.
    expect(score({ ...marrowgate, website: 'kranich.de' }, { ...lunaforge, name: 'Marrowgate Bau GmbH', website: 'kranich.de' }).veto).toMatch(/registry ids differ/);
  });

  it.each([
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345 (AG München)'],
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345, Amtsgericht Muenchen'],
    ['HRB 12345 (Registergericht München)', 'HRB 12345 (München)'],
    ['Amtsgericht München HRB 12345', 'HRB 12345 (Local Court of Munich)'],
    ['HRB 12345 B', 'HRB 12345 (Amtsgericht Charlottenburg)'],
    ['HRB 12345 B', 'HRB 12345 (AG Berlin-Charlottenburg)'],
    ['HRB 12345 (Amtsgericht Frankfurt am Main)', 'HRB 12345 (AG Frankfurt a. M.)'],
  ])('one court written two ways is one court: %j and %j agree at full weight', (x, y) => {
    const s = score({ name: 'Kranich Logistik GmbH', registryId: x }, { name: 'Kranich Logistik GmbH', registryId: y });
    expect(s.veto).toBeNull();
    expect(s.evidence.find((e) => e.field === 'registryId')).toMatchObject({ level: 'SAME', weight: rules.weights.registrySame });
  });

  it.each([
    ['HRB 12345 B', 'HRB 12345 (Amtsgericht München)'],
    ['HRB 12345 (AG Frankfurt am Main)', 'HRB 12345 (AG Frankfurt (Oder))'],
    ['HRA 4711 (AG Köln)', 'HRA 4711 (AG Bonn)'],
  ])('%j and %j: two courts, vetoed', (x, y) => {
    expect(score({ name: 'Kranich Logistik GmbH', registryId: x }, { name: 'Kranich Logistik GmbH', registryId: y }).veto).toMatch(/registry ids differ/);
  });

  it('a court given on one side only still agrees: "Kranich Logistik GmbH" with and without its court links', () => {
    const s = score({ name: 'Kranich Logistik GmbH', registryId: 'HRB 12345 (Amtsgericht München)' }, { name: 'Kranich Logistik GmbH', registryId: 'HRB 12345' });
    expect(s.veto).toBeNull();
    expect(linked(s)).toBe(true);
    expect(s.evidence.find((e) => e.field === 'registryId')?.level).toBe('SAME_NUMBER');
  });

  // Without both courts the number alone may be any of many courts' (most register courts have reached HRB 12345):
  // it weighs less, so it no longer auto-links two different names by itself; a person is asked.
  it.each([
    [marrowgate, { ...lunaforge, registryId: 'HRB 12345' }],
    [{ ...marrowgate, registryId: 'HRB 12345' }, { ...lunaforge, registryId: 'HRB 12345' }],
  ])('the number alone, a court missing, makes two different names a review, not a link (%#)', (x, y) => {
    const s = score(x, y);
    expect(s.veto).toBeNull();
    expect(linked(s)).toBe(false);
    expect(s.score).toBeGreaterThanOrEqual(rules.review);
  });

  it('ids that are not a court\'s register number weigh as before: a VAT id agrees at full weight', () => {
    expect(score({ name: 'Foo GmbH', registryId: 'DE 123 456 789' }, { name: 'Bar GmbH', registryId: 'DE123456789' }).evidence.find((e) => e.field === 'registryId'))
      .toMatchObject({ level: 'SAME', weight: rules.weights.registrySame });
  });

  it('a Microsoft 365 tenant is its company\'s domain, not Microsoft\'s', () => {
    expect(linked(score({ name: 'Acme Tools', emails: ['ana@acmetools.onmicrosoft.com'] }, { name: 'Acme Toys', emails: ['bo@acmetoys.onmicrosoft.com'] }))).toBe(false);
  });
});

describe('account phones compare whole numbers', () => {
  it.each([
    ['+1 212 555 0100', '+1 312 555 0100'],
    ['+1 (212) 555-0100', '312-555-0100'],
  ])('"Acme Tools" at %s and "Acme Toys" at %s (the same last nine digits) are not linked', (x, y) => {
    const s = score({ name: 'Acme Tools', phone: x }, { name: 'Acme Toys', phone: y });
    expect(s.evidence.find((e) => e.field === 'phone')?.level).toBe('DIFFERENT');
    expect(linked(s)).toBe(false);
  });

  it('"+44 20 7150 7551" and "+49 20 7150 7551" (the same last nine digits) are numbers of two countries', () => {
    const s = score({ name: 'Acme Tools', phone: '+44 20 7150 7551' }, { name: 'Acme Toys', phone: '+49 20 7150 7551' });
    expect(s.evidence.find((e) => e.field === 'phone')?.level).toBe('OTHER_COUNTRY');
    expect(linked(s)).toBe(false);
  });

  it.each([
    ['+1 555 010 2030 x123', '+1 555 010 2030'], ['+1 555 010 2030 ext. 9', '(555) 010-2030'], ['+44 20 7150 7551', '020 7150 7551'], ['0049 30 1234567', '+49 30 1234567'],
    // Another country's national writing is no US number (found in review: they read as two numbers).
    ['55 1234 5678', '+52 55 1234 5678'], ['98200 12345', '+91 98200 12345'],
    // A short subscriber number: fewer than nine digits after the country code (found by exploratory testing).
    ['+49 30 123457', '030 123457'], ['+49 30 12345', '030 12345'],
  ])('%s and %s are one number (an extension, a national writing)', (x, y) => {
    expect(score({ name: 'Acme Tools', phone: x }, { name: 'Acme Toys', phone: y }).evidence.find((e) => e.field === 'phone')?.level).toBe('SAME');
  });

  it('keeps one blocking key for one number however it is written', () => {
    const key = (phone: string) => accountBlockingKeys(accountFeatures({ name: 'Acme', phone })).filter((k) => k.startsWith('A|p:'));
    expect(key('+1 555 010 2030 x123')).toEqual(key('555.010.2030'));
    expect(key('+44 20 7150 7551')).toEqual(key('020 7150 7551'));
  });

  it.each(['000-000-0000', '123-456-7890', '555-555-5555', '(999) 999-9999', '0123456789', '+1 111 111 1111'])('%s is no phone', (p) => {
    expect(accountFeatures({ name: 'Acme', phone: p }).phone).toBeNull();
  });
});

/**
 * Issue 4 (item 3), found by exploratory testing: customers that divisions sent under a placeholder name ("N/A",
 * "Unknown", "Test", "Private Customer") or a legal form alone ("Inc.") were linked on that "exact" name, and a later
 * record "unknown" at foo-bar-baz.com joined them. A placeholder is no name: no evidence either way, no name keys.
 */
describe('placeholder company names are no name', () => {
  it.each([
    ['N/A', 'n.a.'], ['Unknown', 'UNKNOWN'], ['Test', 'test'], ['Private Customer', 'Private customer'], ['Inc.', 'INC'], ['unknown', 'Unknown'],
    ['-', '?'], ['Privatkunde', 'Privatkunde'], ['Walk-in Customer', 'walk-in customer'], ['Unknown GmbH', 'Unknown GmbH'],
  ])('%j and %j: no name evidence, not linked, no name keys', (x, y) => {
    const s = score({ name: x }, { name: y });
    expect(s.evidence.find((e) => e.field === 'name')).toBeUndefined();
    expect(linked(s)).toBe(false);
    expect(s.score).toBeLessThan(rules.review);
    expect(accountBlockingKeys(accountFeatures({ name: x })).filter((k) => /^A\|[nwsf]:/.test(k))).toEqual([]);
  });

  it('a placeholder beside a real name is no disagreement either: a shared domain still links', () => {
    const s = score({ name: 'Unknown', website: 'acme-tools.com' }, { name: 'Acme Tools Ltd', website: 'https://www.acme-tools.com' });
    expect(s.evidence.find((e) => e.field === 'name')).toBeUndefined();
    expect(linked(s)).toBe(true);
  });

  it('"unknown" at foo-bar-baz.com does not join another "Unknown"', () => {
    expect(linked(score({ name: 'unknown', website: 'foo-bar-baz.com' }, { name: 'Unknown' }))).toBe(false);
  });

  it('and a shared registry id still links', () => {
    expect(linked(score({ name: 'N/A', registryId: 'GB243793813' }, { name: 'Acme Ltd', registryId: 'GB 243 793 813' }))).toBe(true);
  });
});

/**
 * Issue 4 (item 3), found by exploratory testing: an exact name alone linked companies whose legal forms say they are
 * two ("Arcadia Pty Ltd", an Australian company at a Sydney number, and "Arcadia LLC", an American one at a New York
 * number: name +12, phone -1, prior -4 = 7). Forms of different jurisdictions, or of two kinds of company in one
 * (a GmbH is no AG), conflict; a form left out or written another way (Inc / Corp, Ltd / Limited) does not.
 */
describe('legal forms that cannot be one company', () => {
  it('"Arcadia Pty Ltd" (+61) and "Arcadia LLC" (+1) are at most a review', () => {
    const s = score({ name: 'Arcadia Pty Ltd', phone: '+61 2 9999 1234' }, { name: 'Arcadia LLC', phone: '+1 212 555 0199' });
    expect(linked(s)).toBe(false);
    expect(s.evidence.find((e) => e.field === 'legalForm')?.level).toBe('CONFLICT');
    expect(s.evidence.find((e) => e.field === 'phone')?.level).toBe('OTHER_COUNTRY');
  });

  it.each([
    ['Arcadia Pty Ltd', 'Arcadia LLC'], ['Tessaro S.p.A.', 'Tessaro Inc.'], ['Kranich GmbH', 'Kranich AG'], ['Blue Ocean Ltd', 'Blue Ocean Inc'],
    ['Blue Ocean Ltd', 'Blue Ocean Inc.'], ['Kranich GmbH', 'Kranich AG & Co. KG'], ['Lumen SARL', 'Lumen S.A.S.'], ['Norte Ltda', 'Norte S.A.'],
    ['Vesta Srl', 'Vesta S.p.A.'], ['Acme LLC', 'Acme Inc'], ['Kranich GmbH', 'Kranich Inc'], ['Arcadia Pty Ltd', 'Arcadia GmbH'],
    // A typo in the name besides
    ['Kranich GmbH', 'Kranisch AG'],
  ])('%j and %j, on their names alone, are a review, not a link', (x, y) => {
    const s = score({ name: x }, { name: y });
    expect(s.evidence.find((e) => e.field === 'legalForm')?.level).toBe('CONFLICT');
    expect(linked(s)).toBe(false);
    expect(s.score).toBeGreaterThanOrEqual(rules.review);
  });

  it.each([
    ['Acme Inc', 'Acme Corp'], ['Acme Inc.', 'ACME Corporation'], ['Acme Ltd', 'Acme Limited'], ['Acme Ltd', 'Acme'], ['Acme Pvt Ltd', 'Acme Ltd'],
    ['Acme Pty Ltd', 'Acme Ltd'], ['Nordwind Oy', 'Oy Nordwind Ab'], ['Nordwind Oy', 'Nordwind Ab'], ['Nordwind Oyj', 'Nordwind Oy'],
    ['Acme Co.', 'Acme Inc'], ['Acme Co., Ltd.', 'Acme Ltd'], ['Acme S.A. de C.V.', 'Acme S.A.'], ['Acme Limitada', 'Acme Ltda.'],
    ['Acme Anonim Şirketi', 'Acme A.Ş.'], ['Acme GmbH', 'Acme G.m.b.H.'], ['Acme AB (publ)', 'Acme AB'],
    // Found in review: a GmbH & Co. KG is a KG; Belgium's BV is an SRL in French.
    ['Hager Logistik KG', 'Hager Logistik GmbH & Co. KG'], ['Vandermeer BV', 'Vandermeer SRL'],
  ])('%j and %j are one company on their names alone (no conflict)', (x, y) => {
    const s = score({ name: x }, { name: y });
    expect(s.evidence.find((e) => e.field === 'legalForm' && e.level === 'CONFLICT')).toBeUndefined();
    expect(linked(s)).toBe(true);
  });

  it('conflicting forms beside a shared domain and phone are still one company written two ways', () => {
    expect(linked(score({ name: 'Kranich GmbH', website: 'kranich.de', phone: '+49 30 1234567' }, { name: 'Kranich AG', website: 'https://kranich.de', phone: '030 1234567' }))).toBe(true);
  });

  it('phones of two countries, the names equal without forms, are a review', () => {
    const s = score({ name: 'Arcadia', phone: '+61 2 9999 1234' }, { name: 'Arcadia', phone: '+1 212 555 0199' });
    expect(linked(s)).toBe(false);
    expect(s.score).toBeGreaterThanOrEqual(rules.review);
  });

  it('a British national writing beginning 011 ("0113 914 1700", Leeds) is the number written "+44 113 914 1700", not one of another country', () => {
    const s = score({ name: 'Vandelay Media', phone: '+44 113 914 1700', website: 'vandelaymedia.co.uk' }, { name: 'Vandelay Media Corporation', phone: '0113 914 1700' });
    expect(s.evidence.find((e) => e.field === 'phone')?.level).toBe('SAME');
    expect(linked(s)).toBe(true);
  });

  it('an Italian national writing beginning 011 (Turin) is the number written with +39, not one of another country', () => {
    const s = score({ name: 'Black Mesa Manufacturing Ltd', phone: '+39 011 825 0300' }, { name: 'Black Mesa Manufacturing', phone: '011 825 0300' });
    expect(s.evidence.find((e) => e.field === 'phone')?.level).toBe('SAME');
    expect(linked(s)).toBe(true);
  });

  it('one country\'s two numbers are a mere other number', () => {
    expect(score({ name: 'Arcadia', phone: '+1 212 555 0199' }, { name: 'Arcadia', phone: '+1 312 555 0100' }).evidence.find((e) => e.field === 'phone')?.level).toBe('DIFFERENT');
  });
});

/**
 * Ingest scores through accountScorer, whose profiles are kept across batches by what they are made of. The phone's
 * country was kept on the profile but the phone was no part of its key, so records alike but for their phones shared
 * the first one's country (found in review: "Arcadia" +61 / "Arcadia" +1 auto-linked in ingest, a review scored alone).
 */
describe('the batch scorer gives the pair scorer\'s answer for records alike but for their phones', () => {
  it('scores each pair as scoreAccountPair does, whatever was scored before', async () => {
    const { accountScorer } = await import('./account-scoring');
    const arcadia = (phone: string) => accountFeatures({ name: 'Arcadia', phone });
    const [sydney, newYork, boston] = [arcadia('+61 2 9250 7111'), arcadia('+1 212 736 3100'), arcadia('+1 617 555 0101')];
    const scorer = accountScorer();
    for (const [a, b] of [[sydney, newYork], [newYork, boston], [boston, sydney]] as const) {
      const fresh = scoreAccountPair(accountFeatures({ name: 'Arcadia', phone: a.phone ?? undefined }), accountFeatures({ name: 'Arcadia', phone: b.phone ?? undefined }), rules, one);
      expect(scorer(a, b, rules, one).score).toBe(fresh.score);
    }
    expect(scorer(sydney, newYork, rules, one).score).toBeLessThan(rules.autoLink);
  });
});

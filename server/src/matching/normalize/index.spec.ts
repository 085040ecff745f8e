import * as normalize from './index';

describe('matching/normalize index', () => {
  it.each([
    'normalizeCompanyName',
    'domainOf',
    'isFreeMailDomain',
    'companyDomains',
    'toE164',
    'parsePersonName',
    'canonicalFirstName',
    'normalizeWord',
    'jaroWinkler',
    'tokenSetRatio',
    'damerauLevenshtein',
    'normalizeAddress',
    'normalizeRegistryId',
    'normalizePostalCode',
  ])('re-exports %s', (name) => {
    expect(typeof (normalize as Record<string, unknown>)[name]).toBe('function');
  });

  it('supports a full record round trip', () => {
    const company = normalize.normalizeCompanyName('Koninklijke Philips N.V.');
    const person = normalize.parsePersonName('Dr. Bob Smith <bob@philips.com>');
    expect(company.key).toBe('koninklijke philips');
    expect(normalize.companyDomains({ emails: ['Dr. Bob Smith <bob@philips.com>'] })).toEqual(['philips.com']);
    expect(person.firstCanonical).toBe('robert');
    expect(normalize.toE164('+31 20 123 4567')).toBe('+31201234567');
  });
});

import { normalizeAddress, normalizePostalCode, sameAddressButStreetType } from './address';

describe('normalizeAddress', () => {
  it.each([
    ['123 North Main Street, Suite 5', '123 n main st ste 5'],
    ['123 N. Main St., Ste. #5', '123 n main st ste 5'],
    ['1600 Pennsylvania Avenue NW', '1600 pennsylvania ave nw'],
    ['1600 Pennsylvania Ave. N.W.', '1600 pennsylvania ave n w'],
    ['10 Downing Road', '10 downing rd'],
    ['500 Sunset Boulevard', '500 sunset blvd'],
    ['1 Infinite Drive', '1 infinite dr'],
    ['22 South West Lane', '22 s w ln'],
    ['7 East 42nd Str', '7 e 42nd st'],
    ['First Avenue', '1st ave'],
    ['Apartment 4B, 3rd Floor', 'apt 4b 3rd fl'],
    ['P.O. Box 123', 'po box 123'],
    ['Post Office Box 123', 'po box 123'],
    ['Hauptstraße 5', 'hauptstr 5'],
    ['Hauptstr. 5', 'hauptstr 5'],
    ['Berliner Straße 12', 'berliner st 12'],
    ['Rue de l’Église 3', 'rue de leglise 3'],
    ['  12   Main   St  ', '12 main st'],
    ['', ''],
    ['  ,. ', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe('normalizePostalCode', () => {
  it.each([
    ['12345', '12345'],
    ['12345-6789', '12345'],
    ['12345 6789', '12345'],
    ['123456789', '12345'],
    ['02134', '02134'],
    ['sw1a 1aa', 'SW1A1AA'],
    ['SW1A-1AA', 'SW1A1AA'],
    ['K1A 0B1', 'K1A0B1'],
    ['10115', '10115'],
    ['123-4567', '1234567'],
    ['  75008 ', '75008'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePostalCode(raw)).toBe(expected);
  });

  it.each([[''], ['   '], ['-']])('%j → null', (raw) => {
    expect(normalizePostalCode(raw)).toBeNull();
  });
});

describe('sameAddressButStreetType', () => {
  it.each([
    ['2121 n keeler', '2121 n keeler ave', true],
    ['7 e 42nd st', '7 e 42nd', true],
    ['3401 w mclean st', '3401 w mclean ave', false],
    ['3401 w mclean', '3401 w mcleanave', false],
    ['12 park', '12 park lane', false],
    ['12 high st', '12 high st', false],
    ['12 high st', '12 high st rd', false],
  ])('%j / %j → %s', (a, b, same) => {
    expect(sameAddressButStreetType(a, b)).toBe(same);
    expect(sameAddressButStreetType(b, a)).toBe(same);
  });
});

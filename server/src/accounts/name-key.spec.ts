import { likeEscape, nameKey } from './name-key';

describe('nameKey', () => {
  it.each([
    ['ACME Corp.', 'acme corp'],
    ['  Müller   & Söhne GmbH ', 'muller and sohne gmbh'],
    ['Café Noir, S.A.', 'cafe noir s a'],
    ['Løvaas-Bygg', 'lovaas bygg'],
    // Found by exploratory testing: "grossmann", "Lodz" and "orsted" found nothing.
    ['Großmann Straßenbau GmbH', 'grossmann strassenbau gmbh'],
    ['Łódź Drukarnia Sp. z o.o.', 'lodz drukarnia sp z o o'],
    ['Ørsted Møbler A/S', 'orsted mobler a s'],
    ['', ''],
  ])('%j → %j', (input, key) => expect(nameKey(input)).toBe(key));

  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

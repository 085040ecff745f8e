import { likeEscape, nameKey } from './name-key';

describe('nameKey', () => {
  it.each([
    ['ACME Corp.', 'acme corp'],
    ['  Müller   & Söhne GmbH ', 'muller and sohne gmbh'],
    ['Café Noir, S.A.', 'cafe noir s a'],
    ['Løvaas-Bygg', 'løvaas bygg'],
    ['', ''],
  ])('%j → %j', (input, key) => expect(nameKey(input)).toBe(key));

  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

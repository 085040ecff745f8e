import { normalizeRegistryId } from '../matching/normalize/address';
import { sameId } from './registry-conflict';

// Found in review: one company's id written two ways ("USt-IdNr. DE…" / "DE …") was refused as two companies' ids.
describe('sameId: one registry id written two ways', () => {
  const same = (a: string, b: string) => sameId(normalizeRegistryId(a)!, normalizeRegistryId(b)!);

  it.each([
    ['DE246813579', '246813579'],
    ['VAT No. GB111222333', 'GB111222333'],
    ['USt-IdNr. DE222333444', 'DE 222 333 444'],
    ['NL333444555B01', '333444555B01'],
    ['NO 444 555 666 MVA', '444555666'],
    ['EL555666777', 'GR555666777'],
    ['HRB 12345', 'hrb12345'],
  ])('%s and %s are one id', (a, b) => expect(same(a, b)).toBe(true));

  it.each([
    ['HRA 12345', 'HRB 12345'],
    ['HRB 4711', '4711'],
    ['GB111222333', 'DE111222333'],
    ['DE246813579', 'DE246813578'],
    ['CHE-111.222.333', 'HRB-998877'],
  ])('%s and %s are two', (a, b) => expect(same(a, b)).toBe(false));
});

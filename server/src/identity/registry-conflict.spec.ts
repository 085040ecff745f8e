import { normalizeRegistryId } from '../matching/normalize/registry-id';
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
    // A register number with its court and without it; one court written two ways (found in review: the court was dropped).
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345'],
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345, AG Muenchen'],
    ['HRB 12345 B', 'HRB 12345 (Amtsgericht Charlottenburg)'],
    ['HRB 12345 B', 'HRB 12345'],
    ['Handelsregister HRB 12345 (München)', 'HRB 12345 (Registergericht München)'],
  ])('%s and %s are one id', (a, b) => expect(same(a, b)).toBe(true));

  it.each([
    ['HRA 12345', 'HRB 12345'],
    ['HRB 4711', '4711'],
    ['GB111222333', 'DE111222333'],
    ['DE246813579', 'DE246813578'],
    ['CHE-111.222.333', 'HRB-998877'],
    // One number at two courts: two companies.
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345 (Amtsgericht Hamburg)'],
    ['HRB 12345 B', 'HRB 12345 (AG München)'],
    ['Handelsregister HRB 12345 (München)', 'HRB 12345 (Hamburg)'],
  ])('%s and %s are two', (a, b) => expect(same(a, b)).toBe(false));
});

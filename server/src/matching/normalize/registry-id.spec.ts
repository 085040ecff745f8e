import { compareRegistryIds, normalizeRegistryId, registryNumber, sameCourt } from './registry-id';

describe('normalizeRegistryId', () => {
  it.each([
    ['DE 123.456.789', 'DE123456789'],
    ['de123456789', 'DE123456789'],
    ['GB 123 4567 89', 'GB123456789'],
    ['HRB 12345', 'HRB12345'],
    ['HRB-998877', 'HRB998877'],
    ['  12-34  ', '1234'],
    ['ÄB-1234', 'AB1234'],
    // A Swiss UID with its VAT suffix in any of its languages is the UID.
    ['CHE-123.456.789 MWST', 'CHE123456789'],
    ['CHE-123.456.789 TVA', 'CHE123456789'],
    ['CHE-123.456.789 IVA', 'CHE123456789'],
    ['REG-GALE', 'REGGALE'],
    // What another id is filed under, in parentheses, is still no part of it.
    ['GB 123 4567 89 (Companies House)', 'GB123456789'],
    ['DE123456789 (USt-IdNr.)', 'DE123456789'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeRegistryId(raw)).toBe(expected);
  });

  // Found in review: a German register number is unique only at its court, and the court was dropped.
  it.each([
    ['HRB 12345 (Amtsgericht München)', 'HRB12345@MUNCHEN'],
    ['HRB 12345 (AG München)', 'HRB12345@MUNCHEN'],
    ['HRB 12345 (Amtsgericht Muenchen)', 'HRB12345@MUNCHEN'],
    ['HRB 12345 (Registergericht München)', 'HRB12345@MUNCHEN'],
    ['HRB 12345 (München)', 'HRB12345@MUNCHEN'],
    ['HRB 12345, Amtsgericht München', 'HRB12345@MUNCHEN'],
    ['Amtsgericht München HRB 12345', 'HRB12345@MUNCHEN'],
    ['Registergericht: Amtsgericht München, Registernummer: HRB 12345', 'HRB12345@MUNCHEN'],
    ['HRB-Nr. 12345 (Local Court of Munich)', 'HRB12345@MUNCHEN'],
    ['HR B 12345 München', 'HRB12345@MUNCHEN'],
    ['HRB 12345 (AG Köln)', 'HRB12345@KOLN'],
    ['HRA 4711 (AG Koeln)', 'HRA4711@KOLN'],
    ['HRB 12345 (Amtsgericht Frankfurt am Main)', 'HRB12345@FRANKFURT-MAIN'],
    ['HRB 12345 (AG Frankfurt a. M.)', 'HRB12345@FRANKFURT-M'],
    ['HRB 12345 (Amtsgericht Frankfurt (Oder))', 'HRB12345@FRANKFURT-ODER'],
    ['GnR 321 (Amtsgericht Hamburg)', 'GNR321@HAMBURG'],
    ['VR 4567 (AG Bonn)', 'VR4567@BONN'],
    // Berlin's: the B after the number is the court of Charlottenburg, as is Berlin named.
    ['HRB 12345 B', 'HRB12345@CHARLOTTENBURG'],
    ['HRB 12345B', 'HRB12345@CHARLOTTENBURG'],
    ['HRB 12345 B (Amtsgericht Charlottenburg)', 'HRB12345@CHARLOTTENBURG'],
    ['HRB 12345 (Amtsgericht Berlin-Charlottenburg)', 'HRB12345@CHARLOTTENBURG'],
    ['HRB 12345 (AG Berlin)', 'HRB12345@CHARLOTTENBURG'],
    ['HRB 1234 HB', 'HRB1234@BREMEN'],
    ['HRB 1234 (Amtsgericht Bad Homburg v. d. Höhe)', 'HRB1234@BADHOMBURG'],
    ['HRB 1234 (AG Bad Homburg v.d.H.)', 'HRB1234@BADHOMBURG'],
    ['HRB 12345, eingetragen im Handelsregister des Amtsgerichts München', 'HRB12345@MUNCHEN'],
    // Nothing of a court beside the number, or an id that is no court's register number: as before.
    ['Handelsregister HRB 12345', 'HRB12345'],
    ['DE HRB 12345', 'HRB12345'],
    // Something beside it with a digit is no court: the whole read as any other id.
    ['HRB 12345 / DE123456789', 'HRB12345DE123456789'],
    // Berlin's B beside another court says two courts: as written, as before courts were read.
    ['HRB 12345 B (AG München)', 'HRB12345B'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeRegistryId(raw)).toBe(expected);
  });

  // Found in review (rev2): any word beside the number that was no court word was taken for a court, so one company's
  // "HRB 12345 (aktiv)", "Company No. HRB 12345" or "HRB 12345 GmbH" was "another court" than its "HRB 12345 (AG
  // München)" and vetoed it. Only the names of registry courts are courts; other words say nothing of one.
  it.each([
    ['HRB 12345 (aktiv)', 'HRB12345'],
    ['HRB 12345 (gelöscht)', 'HRB12345'],
    ['HRB 12345 GmbH', 'HRB12345'],
    ['HRB 12345 n/a', 'HRB12345'],
    ['Company No. HRB 12345', 'HRB12345'],
    ['Company registration number: HRB 12345', 'HRB12345'],
    ['Eintragung im Handelsregister, Registergericht: Amtsgericht München, Registernummer: HRB 12345', 'HRB12345@MUNCHEN'],
    ['HRB 12345 Munich GmbH', 'HRB12345@MUNCHEN'],
    ['Company No. HRB 12345 (Local Court of Munich)', 'HRB12345@MUNCHEN'],
    ['HRB 12345 B GmbH', 'HRB12345@CHARLOTTENBURG'],
    ['HRB 12345 (AG Frankfurt a. M.) GmbH', 'HRB12345@FRANKFURT-M'],
  ])('%j → %j (no court in a word that names none)', (raw, expected) => {
    expect(normalizeRegistryId(raw)).toBe(expected);
  });

  it.each([[''], ['   '], ['n/a'], ['-'], ['123'], ['A.B.C'],
    // Found by exploratory testing: placeholders of four characters or more agreed as ids at full weight.
    ['none'], ['NONE'], ['unknown'], ['pending'], ['0000'], ['N/A N/A'], ['tbd'], ['000000000'], ['Not applicable'], ['no VAT'],
    ['1111111'], ['xxxx'], ['GB000000000'], ['HRB 0000'], ['HRB 0000 (AG München)'],
  ])('%j → null', (raw) => {
    expect(normalizeRegistryId(raw)).toBeNull();
  });
});

describe('registryNumber: the id without its court', () => {
  it.each([['HRB12345@MUNCHEN', 'HRB12345'], ['HRB12345', 'HRB12345'], ['DE123456789', 'DE123456789']])('%j → %j', (id, number) => {
    expect(registryNumber(id)).toBe(number);
  });
});

describe('sameCourt', () => {
  it.each([
    ['MUNCHEN', 'MUNCHEN'], ['FRANKFURT-M', 'FRANKFURT-MAIN'], ['FRANKFURT', 'FRANKFURT-MAIN'], ['FRANKFURT-O', 'FRANKFURT-ODER'],
    ['FREIBURG-BR', 'FREIBURG-BREISGAU'], ['BADHOMBURG-H', 'BADHOMBURG-HOHE'], ['BADHOMBURG', 'BADHOMBURG-H'],
    // A word more than a court: the court is among it.
    ['SIEMENS-MUNCHEN', 'MUNCHEN'], ['AUSZUG-FRANKFURT-M', 'FRANKFURT-MAIN'],
  ])('%j and %j are one court', (a, b) => {
    expect(sameCourt(a, b)).toBe(true);
    expect(sameCourt(b, a)).toBe(true);
  });

  it.each([
    ['MUNCHEN', 'HAMBURG'], ['FRANKFURT-MAIN', 'FRANKFURT-ODER'], ['FRANKFURT-M', 'FRANKFURT-O'], ['BADHOMBURG-H', 'BADHERSFELD'], ['BADHOMBURG', 'HOMBURG'],
    // A town is never a letter's abbreviation.
    ['HAMBURG', 'BADHOMBURG-H'], ['HAMBURG', 'FRANKFURT-H'],
  ])('%j and %j are two', (a, b) => {
    expect(sameCourt(a, b)).toBe(false);
    expect(sameCourt(b, a)).toBe(false);
  });
});

describe('compareRegistryIds', () => {
  const compare = (a: string, b: string) => compareRegistryIds(normalizeRegistryId(a)!, normalizeRegistryId(b)!);

  it.each([
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345 (AG Muenchen)', 'SAME'],
    ['HRB 12345 (Amtsgericht München)', 'München HRB 12345', 'SAME'],
    ['HRB 12345 B', 'HRB 12345 (Amtsgericht Charlottenburg)', 'SAME'],
    ['HRB 12345 B', 'hrb12345b', 'SAME'],
    ['HRB 12345 (AG Frankfurt a.M.)', 'HRB 12345 (Amtsgericht Frankfurt am Main)', 'SAME'],
    ['HRB 1234 (AG Bad Homburg v.d.H.)', 'HRB 1234 (Amtsgericht Bad Homburg vor der Höhe)', 'SAME'],
    ['DE 123 456 789', 'DE123456789', 'SAME'],
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345', 'SAME_NUMBER'],
    ['HRB 12345', 'HRB 12345', 'SAME_NUMBER'],
    ['HRB 12345 B', 'HRB 12345', 'SAME_NUMBER'],
    ['HRB 12345 (Amtsgericht München)', 'HRB 12345 (Amtsgericht Hamburg)', 'OTHER_COURT'],
    ['HRB 12345 B', 'HRB 12345 (AG München)', 'OTHER_COURT'],
    ['HRB 12345 (AG Frankfurt am Main)', 'HRB 12345 (AG Frankfurt (Oder))', 'OTHER_COURT'],
    ['HRB 1234 (AG Bad Homburg v.d.H.)', 'HRB 1234 (AG Hamburg)', 'OTHER_COURT'],
    ['HRB 12345 (Amtsgericht München)', 'HRB 12346 (Amtsgericht München)', 'DIFFERENT'],
    ['HRA 12345', 'HRB 12345', 'DIFFERENT'],
    // Found in review (rev2): an id naming two courts (a branch's town, "Abteilung B" read as Berlin's) agreed in full with
    // either court's number; which court's it is, it does not say.
    ['HRB 12345 AG München (Zweigniederlassung Hamburg)', 'HRB 12345 (AG Hamburg)', 'SAME_NUMBER'],
    ['Handelsregister Abteilung B, Amtsgericht München, HRB 12345', 'HRB 12345 B', 'SAME_NUMBER'],
    // Found in review (rev2): words that name no court vetoed one company's records as two courts'.
    ['HRB 12345 (aktiv)', 'HRB 12345 (Amtsgericht München)', 'SAME_NUMBER'],
    ['Company No. HRB 12345', 'HRB 12345, AG Hamburg', 'SAME_NUMBER'],
    ['HRB 12345 GmbH', 'HRB 12345 (Amtsgericht München)', 'SAME_NUMBER'],
    ['Company No. HRB 12345 (Local Court of Munich)', 'HRB 12345 GmbH (AG München)', 'SAME'],
    ['Company No. HRB 12345 (Local Court of Munich)', 'HRB 12345 (AG Hamburg)', 'OTHER_COURT'],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(expected);
  });
});

/**
 * Company legal forms, as canonical code → spellings.
 *
 * Spellings are written the way they look AFTER company-name tokenisation:
 * lower-case, accents folded, punctuation turned into spaces, "&"/"+" turned
 * into "and", and runs of single letters collapsed into one word. That is why
 * one entry covers many surface forms: "N.V.", "N V" and "NV" all become "nv";
 * "G.m.b.H." becomes "gmbh"; "A/S" becomes "as"; "S.p.A." becomes "spa";
 * "GmbH & Co. KG" becomes "gmbh and co kg".
 *
 * Multi-word spellings are matched before single words (longest match first),
 * so "pty ltd" is one form (PTY_LTD), not LTD followed by PTY.
 *
 * Deliberately NOT legal forms: "holding"/"holdings", "group", "partners",
 * "international" — they are part of the name and distinguish real entities.
 */
export const LEGAL_FORMS: ReadonlyArray<readonly [code: string, spellings: readonly string[]]> = [
  // English-speaking jurisdictions
  ['INC', ['inc', 'incorporated']],
  ['CORP', ['corp', 'corporation']],
  ['CO', ['co', 'company', 'and co', 'and company', 'and cie', 'et cie', 'cie']],
  ['LLC', ['llc', 'lc', 'limited liability company']],
  ['PLLC', ['pllc']],
  ['LTD', ['ltd', 'limited']],
  ['PLC', ['plc', 'public limited company']],
  ['LLP', ['llp', 'limited liability partnership']],
  ['LP', ['lp', 'limited partnership']],
  ['PC', ['pc', 'professional corporation']],
  ['PTY_LTD', ['pty ltd', 'pty limited', 'proprietary limited']],
  ['PTY', ['pty']],
  // A private limited company, however written: Singapore's "Pte Ltd", India's "Pvt Ltd" (two codes made "Acme Pvt
  // Ltd" / "Acme Software Private Limited" differ in their form; found in review).
  ['PTE_LTD', ['pte ltd', 'pte limited', 'private limited', 'pvt ltd', 'pvt limited', 'private ltd']],
  ['PTE', ['pte']],
  ['SDN_BHD', ['sdn bhd']],
  ['BHD', ['bhd', 'berhad']],
  // German-speaking
  ['GMBH_CO_KG', ['gmbh and co kg', 'gmbh and co kgaa', 'gmbh co kg', 'gmbh u co kg', 'gmbh und co kg', 'gmbh und co kgaa']],
  ['AG_CO_KG', ['ag and co kg', 'ag and co kgaa', 'ag u co kg', 'ag und co kg']],
  ['GMBH', ['gmbh', 'mbh', 'gesellschaft mit beschrankter haftung', 'ges mbh', 'gesmbh']],
  ['GGMBH', ['ggmbh']],
  ['UG', ['ug', 'ug haftungsbeschrankt']],
  ['AG', ['ag', 'aktiengesellschaft']],
  ['KGAA', ['kgaa']],
  ['KG', ['kg', 'kommanditgesellschaft']],
  ['OHG', ['ohg']],
  ['EV', ['ev']],
  ['SE', ['se', 'societas europaea']],
  // Dutch / Belgian
  // "Naamlooze": the spelling before 1947, which older registrations keep ("Unilever N.V. Naamlooze Vennootschap").
  ['NV', ['nv', 'naamloze vennootschap', 'naamlooze vennootschap']],
  ['BV', ['bv', 'bvba', 'besloten vennootschap']],
  ['VOF', ['vof']],
  // French / Spanish / Portuguese / Italian / Latin America
  ['SA', ['sa', 'societe anonyme', 'sociedad anonima']],
  ['SAS', ['sas', 'sasu']],
  ['SARL', ['sarl', 'eurl']],
  ['SNC', ['snc']],
  ['SL', ['sl', 'slu']],
  ['SA_DE_CV', ['sa de cv', 'sab de cv', 'sapi de cv']],
  ['S_DE_RL', ['s de rl', 's de rl de cv']],
  ['CV', ['cv']],
  ['LTDA', ['ltda', 'limitada']],
  ['SPA', ['spa']],
  ['SRL', ['srl']],
  // Nordic
  // "Abp" and "Oyj": a public company's form in Finland, in Swedish and in Finnish (a company there may write both:
  // "Oy Nordwind Ab").
  ['AB', ['ab', 'aktiebolag', 'publ ab', 'ab publ', 'abp']],
  ['OY', ['oy', 'oyj']],
  ['APS', ['aps']],
  ['AS', ['as', 'asa', 'anonim sirketi']],
  // Central / Eastern Europe
  ['SP_ZOO', ['sp zoo']],
  ['SRO', ['sro', 'spol sro']],
  ['DOO', ['doo']],
  ['KFT', ['kft', 'zrt', 'nyrt']],
  // Turkish: "A.Ş." (anonim şirketi) folds to the letters of the Nordic A/S, and is kept as one code with it;
  // "Ltd. Şti." (limited şirketi) is Turkey's private limited company.
  ['LTD_STI', ['ltd sti', 'limited sirketi', 'ltd sirketi', 'limited sti']],
  ['OOO', ['ooo', 'zao', 'oao', 'pao']],
  // Asia
  ['KK', ['kk', 'kabushiki kaisha']],
];

/**
 * Legal forms that also stand BEFORE the name, as Dutch, Belgian and Swedish
 * registers and patent offices write them ("N.V. Nutricia", "NV Philips'
 * Gloeilampenfabrieken", "AB SKF"): the same company as "Nutricia N.V." and
 * "SKF B.V.". Only forms that are not ordinary leading words in English.
 */
export const LEADING_LEGAL_FORMS: ReadonlyArray<readonly [code: string, spelling: string]> = [
  ['NV', 'naamloze vennootschap'],
  ['NV', 'naamlooze vennootschap'],
  ['BV', 'besloten vennootschap'],
  ['NV', 'nv'],
  ['BV', 'bv'],
  ['AB', 'ab'],
  // Finnish companies write their form first in Swedish-language listings and registers ("Oy Nordwind Ab").
  ['OY', 'oy'],
  ['OY', 'oyj'],
];

/**
 * Words that, after a legal form, introduce the registered seat rather than
 * more of the name: Dutch "te" ("DSM N.V. te Heerlen" is DSM N.V., at Heerlen).
 */
export const SEAT_WORDS: ReadonlySet<string> = new Set(['te']);

/**
 * Words that say what kind of business a company is rather than which one.
 * After a leading legal form ("NV Energy", "AB Group") such a word alone is no
 * name of its own: the letters before it are kept as part of the name.
 */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set([
  'group', 'groep', 'holding', 'holdings', 'energy', 'energie', 'brands', 'bank', 'capital', 'partners', 'services', 'solutions',
  'systems', 'technologies', 'technology', 'industries', 'international', 'trading', 'consulting', 'media', 'foods', 'pharma',
  'logistics', 'properties', 'insurance', 'investments', 'finance', 'software', 'engineering', 'electronics', 'chemicals',
]);

/**
 * Where a legal form is a company's form (ISO 3166 countries), and which kind of company it is there: a company
 * has one form, so two records stating forms that share no country, or another kind of company in the countries they
 * share (a GmbH and an AG, a Ltd and a plc, an LLC and an Inc), are two companies of one name, not one written twice
 * (issue 4, item 3: "Arcadia Pty Ltd" / "Arcadia LLC", "Kranich GmbH" / "Kranich AG" were linked on the name).
 *
 * Only forms whose jurisdiction is plain are listed. A form that is not (CO: "& Co." and Japan's "Co., Ltd."; PTY
 * and PTE alone; the Nordic AB, OY and AS, which neighbouring countries and Turkey's A.Ş. share; SE, the form a
 * German AG may take; KK; CV) conflicts with none. Forms one company may be written with are of one kind in a country
 * they share: Inc and Corp (US), Ltd and Pty Ltd (AU), Ltd and Pvt Ltd (IN), GmbH and Sàrl (CH), AG and SA (CH), SA
 * and SA de CV (MX), Russia's OOO and LLC (its English name).
 */
const FORM_JURISDICTIONS: ReadonlyArray<readonly [codes: readonly string[], kind: string, countries: string]> = [
  // Known gap (review): Canada's Ltd and Inc, and Japan's "Co., Ltd." (read as LTD) beside "Corporation", are one kind of
  // company, but LTD is one code for the UK's Ltd too, so those pairs are reviews on the name alone, not links.
  [['INC', 'CORP'], 'corporation', 'US CA PH'],
  [['LLC'], 'llc', 'US RU UA BY KZ AE'],
  [['OOO'], 'llc', 'RU UA BY KZ'],
  [['LLP'], 'llp', 'US GB IN'],
  [['LP'], 'lp', 'US GB'],
  [['LTD'], 'private', 'GB IE HK IN NZ AU ZA IL NG KE MT CY SG MY TR'],
  [['PTY_LTD'], 'private', 'AU ZA'],
  [['PTE_LTD'], 'private', 'SG IN MY'],
  [['PLC'], 'public', 'GB IE'],
  [['SDN_BHD'], 'private', 'MY'],
  [['BHD'], 'public', 'MY'],
  [['GMBH', 'GGMBH', 'UG'], 'private', 'DE AT CH LI'],
  [['AG'], 'public', 'DE AT CH LI'],
  [['KGAA'], 'kgaa', 'DE'],
  [['KG'], 'kg', 'DE AT'],
  [['OHG'], 'ohg', 'DE AT'],
  // A GmbH & Co. KG or AG & Co. KG is a KG, often written so ("Hager Logistik KG"; found in review).
  [['GMBH_CO_KG'], 'kg', 'DE AT'],
  [['AG_CO_KG'], 'kg', 'DE'],
  [['EV'], 'association', 'DE'],
  [['NV'], 'public', 'NL BE'],
  [['BV'], 'private', 'NL BE'],
  [['VOF'], 'vof', 'NL'],
  [['SA'], 'public', 'FR BE LU CH ES PT BR AR MX CL CO PE UY PY EC PL GR'],
  [['SAS'], 'sas', 'FR CO'],
  [['SARL'], 'private', 'FR BE LU CH MA TN'],
  [['SNC'], 'snc', 'FR IT'],
  [['SL'], 'private', 'ES'],
  [['SA_DE_CV'], 'public', 'MX'],
  [['S_DE_RL'], 'private', 'MX HN'],
  [['LTDA'], 'private', 'BR PT CO CL'],
  [['SPA'], 'public', 'IT'],
  // Belgium's BV is written SRL in French since 2019 (found in review: "Vandermeer BV" / "Vandermeer SRL").
  [['SRL'], 'private', 'IT RO AR BO MD BE'],
  [['APS'], 'private', 'DK'],
  [['SP_ZOO'], 'private', 'PL'],
  [['SRO'], 'private', 'CZ SK'],
  [['DOO'], 'private', 'RS HR SI BA ME MK'],
  [['KFT'], 'company', 'HU'],
  [['LTD_STI'], 'private', 'TR'],
];

/** Legal-form code → the kinds of company it is, one per country ("DE:private"). */
const FORM_KINDS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  // A code may have rows of several kinds (LTD: a private company in the UK, a corporation in Canada and Japan).
  const kinds = new Map<string, Set<string>>();
  for (const [codes, kind, countries] of FORM_JURISDICTIONS) {
    for (const code of codes) {
      const set = kinds.get(code) ?? new Set<string>();
      for (const c of countries.split(' ')) set.add(`${c}:${kind}`);
      kinds.set(code, set);
    }
  }
  return kinds;
})();

/**
 * Whether two legal forms (codes) cannot be one company's: both have a plain jurisdiction (FORM_JURISDICTIONS) and
 * there is no country where they are the same kind of company. False for a form that is absent or not listed.
 */
export function legalFormsConflict(a: string | null, b: string | null): boolean {
  if (!a || !b || a === b) return false;
  const ka = FORM_KINDS.get(a);
  const kb = FORM_KINDS.get(b);
  if (!ka || !kb) return false;
  for (const k of ka) if (kb.has(k)) return false;
  return true;
}

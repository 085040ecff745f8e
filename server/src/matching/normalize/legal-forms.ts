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
  ['LTDA', ['ltda']],
  ['SPA', ['spa']],
  ['SRL', ['srl']],
  // Nordic
  ['AB', ['ab', 'aktiebolag', 'publ ab', 'ab publ']],
  ['OY', ['oy', 'oyj']],
  ['APS', ['aps']],
  ['AS', ['as', 'asa']],
  // Central / Eastern Europe
  ['SP_ZOO', ['sp zoo']],
  ['SRO', ['sro', 'spol sro']],
  ['DOO', ['doo']],
  ['KFT', ['kft', 'zrt', 'nyrt']],
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

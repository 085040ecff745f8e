import { foldText, foldWords } from './text';

const NON_ALNUM = /[^A-Z0-9]+/g;
const MIN_REGISTRY_ID_LENGTH = 4;

/**
 * Words that, alone or together, say a record has no registry id ("none", "N/A N/A", "not applicable",
 * "pending", "no VAT"). Found by exploratory testing: two customers both giving "none" agreed at full weight.
 */
const PLACEHOLDER_ID_WORDS: ReadonlySet<string> = new Set([
  'N', 'A', 'NA', 'NONE', 'NIL', 'NULL', 'UNKNOWN', 'UNK', 'PENDING', 'TBD', 'TBA', 'TBC', 'TODO', 'MISSING', 'EMPTY', 'UNDEFINED',
  'NOT', 'NO', 'APPLICABLE', 'AVAILABLE', 'PROVIDED', 'GIVEN', 'KNOWN', 'SET', 'YET', 'NUMBER', 'ID', 'VAT', 'APPLIED', 'FOR', 'EXEMPT', 'DUMMY', 'TEST',
]);
/** A VAT suffix after the digits of an id, in the languages of its register. */
const VAT_SUFFIX = /(?<=\d)(?:MWST|TVA|IVA|VAT)$/;
const ONE_REPEATED_CHARACTER = /^(.)\1*$/;
/** A letter prefix and nothing but zeros after it ("GB000000000", "HRB 0000"). */
const ONLY_ZEROS = /^[A-Z]*0+$/;

/**
 * Between a register number and its court in a normalised id: "HRB12345@MUNCHEN". The court's words are joined by
 * COURT_WORD_SEPARATOR ("HRB12345@FRANKFURT-MAIN"). Neither is a letter or digit, so no id without a court has them.
 */
export const COURT_SEPARATOR = '@';
const COURT_WORD_SEPARATOR = '-';

/**
 * German registers whose numbers are unique only at their registry court (Amtsgericht): the commercial register's
 * HRA and HRB, the cooperatives' (GnR), the associations' (VR) and the partnerships' (PR). "HRB 12345" is a company at
 * Munich's court and another at Hamburg's.
 */
const PER_COURT_PREFIXES: ReadonlySet<string> = new Set(['hra', 'hrb', 'gnr', 'vr', 'pr']);
const PER_COURT_NUMBER = /^(?:HRA|HRB|GNR|VR|PR)\d+$/;
/** A prefix and its number written as one word: "HRB12345", Berlin's "HRB12345B". */
const GLUED_NUMBER = /^(hra|hrb|gnr|vr|pr)(\d+)(b?)$/;
const DIGITS = /^(\d+)(b?)$/;
/** "HRB-Nr. 12345", "HRB No 12345". */
const NUMBER_WORDS: ReadonlySet<string> = new Set(['nr', 'no', 'nummer', 'number']);

/**
 * Words around a register number that name no court: what the court is ("Amtsgericht", "AG", "Registergericht", "Local
 * Court"), what the number is ("Handelsregister", "Registernummer"), and the little words of "eingetragen beim" or
 * "Court of". Folded as courtWord folds them.
 */
const NOT_COURT_WORDS: ReadonlySet<string> = new Set([
  'amtsgericht', 'amtsgerichts', 'amtsg', 'amtsger', 'ag', 'registergericht', 'registergerichts', 'reggericht', 'registerger', 'regger', 'regg',
  'reg', 'gericht', 'gerichts', 'ger', 'handelsregister', 'handelsregisters', 'hreg', 'hr', 'register', 'registers', 'registernummer',
  'handelsregisternummer', 'registerblatt', 'abteilung', 'abt',
  'nr', 'no', 'nummer', 'number', 'sitz', 'eingetragen', 'registriert', 'unter', 'beim', 'bei', 'im', 'am', 'an', 'in', 'der', 'des', 'dem',
  'den', 'vor', 'zu', 'a', 'd', 'i', 'v', 'local', 'district', 'county', 'court', 'registry', 'registration', 'registered',
  'commercial', 'trade', 'of', 'at', 'the', 'de', 'germany', 'deutschland',
]);

/**
 * One court, other spellings: English names of German cities, Berlin (whose only registry court is Charlottenburg's),
 * and the letters some courts write after the number ("HRB 12345 B" is Berlin's, "HRB 1234 HB" Bremen's).
 */
const COURT_ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['berlin', ['charlottenburg']], ['b', ['charlottenburg']],
  ['munich', ['munchen']], ['cologne', ['koln']], ['nuremberg', ['nurnberg']], ['hanover', ['hannover']], ['brunswick', ['braunschweig']],
  ['hb', ['bremen']], ['hl', ['lubeck']], ['ki', ['kiel']], ['fl', ['flensburg']], ['pi', ['pinneberg']],
  ['p', ['potsdam']], ['cb', ['cottbus']], ['ff', ['frankfurt', 'oder']], ['np', ['neuruppin']],
]);

/**
 * The towns of Germany's registry courts (those keeping the commercial register today, and some that did before the
 * registers were drawn together, as older records name them), as courtWord folds them, "Bad …" as one word. A word
 * beside a register number that is none of these (nor an alias) names no court: a status ("aktiv", "gelöscht"), a
 * legal form ("GmbH"), a label ("Company No.") or a placeholder ("n/a"). Found in review (rev2): any word not known to
 * name no court was taken for one, and one company's "HRB 12345 (aktiv)" vetoed its "HRB 12345 (AG München)" as two
 * courts'. A court missing here is read as no court (the number agrees at SAME_NUMBER), never as another court.
 */
const REGISTRY_COURTS: ReadonlySet<string> = new Set([
  // Baden-Württemberg
  'freiburg', 'mannheim', 'stuttgart', 'ulm', 'heilbronn', 'karlsruhe', 'pforzheim', 'heidelberg', 'konstanz', 'tubingen', 'reutlingen', 'esslingen',
  'boblingen', 'ludwigsburg', 'ravensburg', 'offenburg', 'villingen', 'schwenningen', 'lorrach', 'waldshut', 'tiengen', 'aalen', 'goppingen',
  // Bayern
  'amberg', 'ansbach', 'aschaffenburg', 'augsburg', 'bamberg', 'bayreuth', 'coburg', 'deggendorf', 'furth', 'hof', 'ingolstadt', 'kempten',
  'landshut', 'memmingen', 'munchen', 'nurnberg', 'passau', 'regensburg', 'schweinfurt', 'straubing', 'traunstein', 'weiden', 'wurzburg',
  // Berlin, Brandenburg, Bremen, Hamburg
  'charlottenburg', 'cottbus', 'frankfurt', 'neuruppin', 'potsdam', 'bremen', 'hamburg',
  // Hessen
  'badhersfeld', 'badhomburg', 'darmstadt', 'eschwege', 'friedberg', 'fritzlar', 'fulda', 'giessen', 'hanau', 'kassel', 'konigstein', 'korbach',
  'limburg', 'marburg', 'offenbach', 'wetzlar', 'wiesbaden',
  // Mecklenburg-Vorpommern, Niedersachsen
  'neubrandenburg', 'rostock', 'schwerin', 'stralsund', 'aurich', 'braunschweig', 'gottingen', 'hannover', 'hildesheim', 'luneburg', 'oldenburg',
  'osnabruck', 'stade', 'tostedt', 'walsrode',
  // Nordrhein-Westfalen
  'aachen', 'arnsberg', 'badoeynhausen', 'bielefeld', 'bochum', 'bonn', 'coesfeld', 'dortmund', 'duisburg', 'duren', 'dusseldorf', 'essen',
  'gelsenkirchen', 'gutersloh', 'hagen', 'hamm', 'iserlohn', 'kleve', 'koln', 'krefeld', 'lemgo', 'monchengladbach', 'munster', 'neuss',
  'paderborn', 'recklinghausen', 'siegburg', 'siegen', 'steinfurt', 'wuppertal',
  // Rheinland-Pfalz, Saarland, Sachsen, Sachsen-Anhalt, Schleswig-Holstein, Thüringen
  'badkreuznach', 'kaiserslautern', 'koblenz', 'landau', 'ludwigshafen', 'mainz', 'montabaur', 'wittlich', 'zweibrucken', 'saarbrucken',
  'chemnitz', 'dresden', 'leipzig', 'stendal', 'halle', 'magdeburg', 'dessau', 'flensburg', 'kiel', 'lubeck', 'pinneberg', 'jena', 'erfurt',
  'gera', 'suhl', 'meiningen', 'muhlhausen', 'weimar',
].map(courtWord));
/** What tells the two Frankfurts apart, after the town ("Frankfurt am Main", "Frankfurt a. M.", "Frankfurt (Oder)", "Frankfurt/O."). */
const FRANKFURT_QUALIFIERS: ReadonlySet<string> = new Set(['main', 'm', 'oder', 'o']);

/** A register number and the court it is filed at (null when not given), both as normalizeRegistryId keeps them. */
interface CourtRegisterNumber {
  number: string;
  court: string | null;
}

/**
 * A court's word as courts are compared: umlauts written out folded like the letters they stand for ("Muenchen" and
 * "München" are "munchen"; foldText already made "ü" "u").
 */
function courtWord(word: string): string {
  return word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

/**
 * The register number of a per-court register and its court, read from how a division wrote it: "HRB 12345
 * (Amtsgericht München)", "HRB 12345, AG Muenchen", "Amtsgericht München HRB 12345", "HRB 12345 B" (Berlin). Null when
 * the id is no such number, or when what is written beside it is no court (a word with a digit: another id), so it is
 * read as any other id.
 */
function courtRegisterNumber(raw: string): CourtRegisterNumber | null {
  const words = foldWords(raw);
  let found: { at: number; length: number; number: string; berlin: boolean } | null = null;
  for (let i = 0; i < words.length; i++) {
    const match = registerNumberAt(words, i);
    if (!match) continue;
    // Two numbers in one id: not one number and its court.
    if (found) return null;
    found = { at: i, ...match };
    i += match.length - 1;
  }
  if (!found) return null;
  const court: string[] = [];
  const rest = [...words.slice(0, found.at), ...words.slice(found.at + found.length)].map(courtWord);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (/\d/.test(word)) return null;
    if (NOT_COURT_WORDS.has(word)) continue;
    // "Bad Homburg" is one town's name, not Homburg's.
    const town = word === 'bad' && i + 1 < rest.length && !/\d/.test(rest[i + 1]) ? `bad${rest[++i]}` : word;
    const alias = COURT_ALIASES.get(town);
    // A word that names no court says nothing of one (REGISTRY_COURTS).
    const named = alias ?? (REGISTRY_COURTS.has(town) ? [town] : []);
    for (const w of named) if (!court.includes(w)) court.push(w);
    if (town !== 'frankfurt') continue;
    // Which Frankfurt: the next word that is no court word, when it says Main or Oder.
    let next = i + 1;
    while (next < rest.length && NOT_COURT_WORDS.has(rest[next])) next++;
    if (next < rest.length && FRANKFURT_QUALIFIERS.has(rest[next])) {
      if (!court.includes(rest[next])) court.push(rest[next]);
      i = next;
    }
  }
  if (found.berlin) {
    // "HRB 12345 B (AG München)" says two courts: read as written, as before courts were compared.
    if (court.some((w) => w !== 'charlottenburg')) return null;
    if (court.length === 0) court.push('charlottenburg');
  }
  // Two courts named ("HRB 12345 AG München (Zweigniederlassung Hamburg)", "Abteilung B" beside München): which one
  // keeps the number is not said, so no court (found in review, rev2: either court's number agreed in full).
  if (court.filter((w) => !FRANKFURT_QUALIFIERS.has(w)).length > 1) return { number: found.number, court: null };
  return { number: found.number, court: court.length > 0 ? court.join(COURT_WORD_SEPARATOR).toUpperCase() : null };
}

/** A per-court register number starting at words[i] ("hrb12345", "hrb 12345", "hr b 12345", "hrb nr 12345", "… b"). */
function registerNumberAt(words: readonly string[], i: number): { length: number; number: string; berlin: boolean } | null {
  const glued = GLUED_NUMBER.exec(words[i]);
  if (glued) return withBerlin(words, i + 1, 1, glued[1] + glued[2], glued[3] === 'b');
  let j = i;
  let prefix = words[j];
  if (prefix === 'hr' && (words[j + 1] === 'a' || words[j + 1] === 'b')) prefix += words[++j];
  if (!PER_COURT_PREFIXES.has(prefix)) return null;
  j++;
  if (NUMBER_WORDS.has(words[j])) j++;
  const digits = words[j] !== undefined ? DIGITS.exec(words[j]) : null;
  if (!digits) return null;
  return withBerlin(words, j + 1, j + 1 - i, prefix + digits[1], digits[2] === 'b');
}

/** Berlin's "B" as a word of its own after the number ("HRB 12345 B"). */
function withBerlin(words: readonly string[], next: number, length: number, number: string, berlin: boolean) {
  const apart = !berlin && words[next] === 'b';
  return { length: apart ? length + 1 : length, number: number.toUpperCase(), berlin: berlin || apart };
}

/**
 * Company registry / tax / VAT identifier reduced to upper-case letters and
 * digits ("DE 123.456.789" → "DE123456789"). Null when fewer than 4 characters
 * remain: shorter values are placeholders ("n/a", "-", "0"), not identifiers;
 * null too for placeholders written out ("none", "unknown", "N/A N/A") and for
 * one repeated character or only zeros ("0000", "xxxx", "000000000").
 *
 * A German register number (HRB, HRA, GnR, VR, PR) is unique only at its court: the court written beside it is kept,
 * after COURT_SEPARATOR, its spellings folded ("HRB 12345 (Amtsgericht München)", "HRB 12345, AG Muenchen" and
 * "Registergericht München HRB 12345" are "HRB12345@MUNCHEN"; Berlin's "HRB 12345 B" is "HRB12345@CHARLOTTENBURG").
 * Found in review: the court dropped, one number at two courts was one id, and two companies were linked on it alone.
 */
export function normalizeRegistryId(raw: string): string | null {
  const register = courtRegisterNumber(raw);
  if (register) {
    if (ONLY_ZEROS.test(register.number)) return null;
    return register.court ? `${register.number}${COURT_SEPARATOR}${register.court}` : register.number;
  }
  // What any other id is filed under, in parentheses, is no part of it (found by exploratory testing: "HRB 12345
  // (Amtsgericht München)" differed from "HRB 12345" and vetoed one company, before courts were read).
  const folded = foldText(raw.replace(/\([^)]*\)/g, ' ')).toUpperCase();
  const id = folded.replace(NON_ALNUM, '');
  if (id.length < MIN_REGISTRY_ID_LENGTH || ONE_REPEATED_CHARACTER.test(id) || ONLY_ZEROS.test(id)) return null;
  if (folded.split(NON_ALNUM).every((w) => w === '' || PLACEHOLDER_ID_WORDS.has(w))) return null;
  // "CHE-123.456.789 MWST" / "… TVA" / "… IVA": one Swiss UID, its VAT suffix in three languages (found by exploratory testing: a veto).
  return id.replace(VAT_SUFFIX, '');
}

/** A normalised id without its court: what blocking keys and the kind of an id are made of. */
export function registryNumber(id: string): string {
  const at = id.indexOf(COURT_SEPARATOR);
  return at < 0 ? id : id.slice(0, at);
}

function registryCourt(id: string): string | null {
  const at = id.indexOf(COURT_SEPARATOR);
  return at < 0 ? null : id.slice(at + 1);
}

/**
 * Whether two courts (as normalizeRegistryId keeps them) are one: the words of one are among the other's, where a word
 * after the first (what follows the town) may be cut short ("FRANKFURT-M" and "FRANKFURT-MAIN" are one court,
 * "FRANKFURT" and "FRANKFURT-MAIN" too, and a word more, "SIEMENS-MUNCHEN" and "MUNCHEN"; "FRANKFURT-MAIN" and
 * "FRANKFURT-ODER" are two, as are "HAMBURG" and "BADHOMBURG-H": the town is never taken for a letter's abbreviation).
 */
export function sameCourt(a: string, b: string): boolean {
  if (a === b) return true;
  const aw = a.split(COURT_WORD_SEPARATOR);
  const bw = b.split(COURT_WORD_SEPARATOR);
  return among(aw, bw) || among(bw, aw);
}

function among(words: readonly string[], other: readonly string[]): boolean {
  return words.every((w, i) => other.some((o, j) => o === w || (i > 0 && j > 0 && (o.startsWith(w) || w.startsWith(o)))));
}

/**
 * How two normalised registry ids compare:
 * - SAME: one id (a per-court register number at one court);
 * - SAME_NUMBER: one per-court register number, the court missing on one side or both, so it may be another court's;
 * - OTHER_COURT: one per-court register number at two courts: two companies;
 * - DIFFERENT: two ids.
 */
export type RegistryIdAgreement = 'SAME' | 'SAME_NUMBER' | 'OTHER_COURT' | 'DIFFERENT';

export function compareRegistryIds(a: string, b: string): RegistryIdAgreement {
  const an = registryNumber(a);
  const bn = registryNumber(b);
  if (an !== bn) return 'DIFFERENT';
  const ac = registryCourt(a);
  const bc = registryCourt(b);
  if (ac !== null && bc !== null) return sameCourt(ac, bc) ? 'SAME' : 'OTHER_COURT';
  return PER_COURT_NUMBER.test(an) ? 'SAME_NUMBER' : 'SAME';
}

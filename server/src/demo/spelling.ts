import { Random } from './random';
import { Country, LEGAL_FORMS, NICKNAMES } from './vocabulary';

/*
 * How divisions write the same facts differently: names, phone numbers,
 * addresses, ids. Each function returns one realistic spelling; none of them
 * knows how the matcher normalises.
 */

/** A letter-level slip: two neighbours swapped, one dropped or one doubled (never the first letter). */
export function typo(random: Random, word: string): string {
  const letters = [...word];
  if (letters.length < 4) return word;
  const i = random.int(1, letters.length - 2);
  const kind = random.int(0, 2);
  if (kind === 0) [letters[i], letters[i + 1]] = [letters[i + 1], letters[i]];
  else if (kind === 1) letters.splice(i, 1);
  else letters.splice(i, 0, letters[i]);
  const out = letters.join('');
  return out === word ? `${word.slice(0, -1)}${word.slice(-2, -1)}` : out;
}

/** Letters without accents, the way an old system or a keyboard without them writes a name. */
export function plainLetters(text: string, umlautsAsE: boolean): string {
  const german = umlautsAsE ? text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue') : text;
  return german.replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ß/g, 'ss').normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** The lower-case ASCII of a name part, as used in email addresses ("Müller" → "mueller", "van Dijk" → "vandijk"). */
export function mailbox(text: string): string {
  return plainLetters(text, true).toLowerCase().replace(/[^a-z0-9]/g, '');
}

const SUFFIX_SHORT: Record<string, string> = {
  Industries: 'Ind.', Manufacturing: 'Mfg.', Logistics: 'Log.', Systems: 'Sys.', Holdings: 'Hldgs', International: 'Intl',
  Chemicals: 'Chem.', Aerospace: 'Aero', Insurance: 'Ins.', Pharma: 'Pharm.', Group: 'Grp',
};

/** How a division might spell a customer's name: case, legal form, an article, a dropped word, a site, an abbreviation, a slip. */
export function companyNameVariant(random: Random, base: string, legalForm: string, city: string, domain: string): string {
  const words = base.split(' ');
  const variants: [() => string, number][] = [
    [() => `${base} ${legalForm}`, 3],
    [() => base, 2.5],
    [() => `${base.toUpperCase()} ${random.pick(LEGAL_FORMS)}`, 1],
    [() => `${base} ${random.pick(LEGAL_FORMS)}`, 1],
    [() => `The ${base}`, 0.4],
    [() => words[0] + (words.length > 1 ? ` ${words.slice(1).join(' ').toLowerCase()}` : ''), 0.8],
    [() => `${base}, ${legalForm}`, 0.8],
    // The site a division deals with.
    [() => `${base} ${city}`, 0.35],
    [() => `${base} (${city})`, 0.2],
    // Abbreviated line of business.
    [() => (SUFFIX_SHORT[words[words.length - 1]] ? [...words.slice(0, -1), SUFFIX_SHORT[words[words.length - 1]]].join(' ') : `${base} ${legalForm}`), 0.35],
    // A spreadsheet that keys customers by web address.
    [() => domain, 0.15],
    // A slip in the longest word.
    [() => {
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
      return `${words.map((w) => (w === longest ? typo(random, w) : w)).join(' ')} ${legalForm}`;
    }, 0.35],
  ];
  return random.weighted(variants.map(([make, weight]) => [make, weight] as const))();
}

export type PhoneStyle = 'international' | 'e164' | 'national' | 'zerozero' | 'trunkInBrackets';

/** The conventions of each division's system: how it writes phone numbers. */
const PHONE_STYLES: Record<string, [PhoneStyle, number][]> = {
  exhibits: [['international', 6], ['trunkInBrackets', 2], ['national', 1]],
  logistics: [['e164', 8], ['international', 1]],
  digital: [['international', 3], ['national', 3], ['e164', 1], ['zerozero', 1]],
  print: [['national', 5], ['zerozero', 3], ['international', 1]],
  events: [['national', 3], ['international', 3], ['trunkInBrackets', 1]],
};

export function phoneStyle(random: Random, divisionKey: string): PhoneStyle {
  return random.weighted(PHONE_STYLES[divisionKey] ?? [['international', 1]]);
}

/** A phone number known by country, area and subscriber digits, written in one of the usual styles. */
export interface PhoneNumber {
  country: Country;
  area: string;
  subscriber: string;
}

function groups(digits: string): string {
  return digits.length <= 4 ? digits : `${digits.slice(0, digits.length - 4)} ${digits.slice(-4)}`;
}

export function formatPhone(phone: PhoneNumber, style: PhoneStyle): string {
  const { country, area, subscriber } = phone;
  switch (style) {
    case 'e164':
      return `+${country.dial}${area}${subscriber}`;
    case 'national':
      if (country.code === 'US') return `(${area}) ${subscriber.slice(0, 3)}-${subscriber.slice(3)}`;
      return `${country.trunk}${area} ${groups(subscriber)}`;
    case 'zerozero':
      return `00${country.dial} ${area} ${subscriber}`;
    case 'trunkInBrackets':
      if (country.trunk) return `+${country.dial} (${country.trunk})${area} ${groups(subscriber)}`;
      return `+${country.dial} ${area} ${groups(subscriber)}`;
    default:
      return `+${country.dial} ${area} ${groups(subscriber)}`;
  }
}

/** A street address line in the country's order, with the spelling variations divisions produce. */
export function addressLine(random: Random, street: string, number: number, numberFirst: boolean, vary: boolean): string {
  let name = street;
  if (vary) {
    const roll = random.next();
    if (roll < 0.3) name = name.replace(/straße$/, 'str.').replace(/strasse$/, 'str.').replace(/ Street$/, ' St.').replace(/ Road$/, ' Rd').replace(/ Avenue$/, ' Ave.');
    else if (roll < 0.4) name = name.toUpperCase();
    else if (roll < 0.5) name = plainLetters(name, true);
  }
  return numberFirst ? `${number} ${name}` : `${name} ${number}`;
}

/** The given name a person goes by, when there is a short form of it. */
export function nicknameOf(random: Random, first: string): string | null {
  const short = NICKNAMES[first];
  return short ? random.pick(short) : null;
}

/** A person's name as one division's system holds it. */
export function personNameVariant(
  random: Random,
  person: { first: string; last: string; goesBy: string | null; doctor: boolean },
): string {
  let first = person.first;
  let last = person.last;
  if (/[^\x20-\x7e]/.test(last) && random.chance(0.4)) last = plainLetters(last, random.chance(0.5));
  if (random.chance(0.04)) last = typo(random, last);
  const nick = person.goesBy ?? (NICKNAMES[first] ? random.pick(NICKNAMES[first]) : null);
  const style = random.weighted([
    ['full', 5],
    ['lastFirst', 1.2],
    ['nickname', nick ? (person.goesBy ? 3 : 0.5) : 0],
    ['middle', 0.5],
    ['upperLastFirst', 0.5],
    ['initial', 0.3],
  ] as const);
  if (style === 'nickname' && nick) first = nick;
  const title = person.doctor && random.chance(0.5) ? 'Dr. ' : '';
  switch (style) {
    case 'lastFirst':
      return `${last}, ${title}${first}`;
    case 'upperLastFirst':
      return `${last.toUpperCase()}, ${first}`;
    case 'middle':
      return `${title}${first} ${String.fromCharCode(65 + random.int(0, 25))}. ${last}`;
    case 'initial':
      return `${first[0]}. ${last}`;
    default:
      return `${title}${first} ${last}`;
  }
}

/** An ISO birthday with the slips people make typing one in: day and month swapped, a digit off. */
export function birthdayVariant(random: Random, iso: string): string {
  const [y, m, d] = iso.split('-');
  if (Number(d) <= 12 && d !== m && random.chance(0.6)) return `${y}-${d}-${m}`;
  const year = Number(y) + (random.chance(0.5) ? 1 : -1);
  return `${year}-${m}-${d}`;
}

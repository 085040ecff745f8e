import { domainToUnicode } from 'node:url';
import {
  canonicalFirstName, companyDomains, domainOf, isNamelessCompany, normalizeAddress, normalizeCompanyName, normalizePostalCode,
  isGeneration, isPlaceholderName, isPlaceholderPhone, otherNames, PHONE_EXTENSION, otherNamesOfFields, normalizeRegistryId, normalizeWord, parsePersonName, surnameAndGeneration, toE164,
} from './normalize';

/** What matching compares of an account record: normalised once, at ingest, and stored. */
export interface AccountFeatures {
  /** The normalised name; '' when it names no one: a placeholder ("N/A", "Unknown", "Test") or a legal form alone ("Inc."). */
  nameNorm: string;
  domains: string[];
  /** normalizeRegistryId's: upper-case letters and digits; a German register number with its court after "@" ("HRB12345@MUNCHEN"). */
  registryId: string | null;
  phone: string | null;
  addressNorm: string | null;
  postalCode: string | null;
  /** The legal form the name states, as its code ("Ltd" and "Limited": LTD), which the normalised name leaves out; null when it states none. */
  legalForm: string | null;
}

export interface AccountFacts {
  name: string;
  website?: string | null;
  domains?: readonly string[] | null;
  emails?: readonly string[] | null;
  registryId?: string | null;
  phone?: string | null;
  address?: string | null;
  postalCode?: string | null;
}

/** A name that is itself a web address ("acme.com") names the company by its domain. */
function nameAsDomain(name: string): string | null {
  return /^\S+\.[a-z]{2,}$/i.test(name.trim()) ? domainOf(name) : null;
}

export function accountFeatures(facts: AccountFacts): AccountFeatures {
  const asDomain = nameAsDomain(facts.name);
  const domains = companyDomains({ website: facts.website, domains: [...(facts.domains ?? []), ...(asDomain ? [asDomain] : [])], emails: facts.emails });
  // Its name is the domain's first label as people read it: "müller-maschinenbau.de" is Müller Maschinenbau, not
  // "xn mller maschinenbau m6b" (found by exploratory testing: its punycode).
  const name = asDomain ? domainToUnicode(asDomain).split('.')[0] : facts.name;
  const normalized = normalizeCompanyName(name);
  return {
    // A placeholder is no name: not compared, no name keys (issue 4: "N/A" / "n.a." of two customers were linked).
    nameNorm: isNamelessCompany(name, normalized) ? '' : normalized.key,
    domains,
    registryId: facts.registryId ? normalizeRegistryId(facts.registryId) : null,
    phone: facts.phone ? accountPhone(facts.phone) : null,
    addressNorm: facts.address ? normalizeAddress(facts.address) || null : null,
    postalCode: facts.postalCode ? normalizePostalCode(facts.postalCode) : null,
    legalForm: normalized.legalForm,
  };
}

/**
 * The matching key of a phone: its last nine digits. Divisions write the same
 * number internationally ("+44 20 7150 7551") and nationally ("020 7150
 * 7551"), with or without a country code, and no default region reads both
 * right; the subscriber digits at the end agree in every writing.
 */
export function phoneKey(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 6 ? digits.slice(-9) : null;
}

/**
 * An account's phone as matching compares it: E.164 when it reads as one (written with its country code, or the North
 * American way: see toE164; the extension dropped), otherwise the last nine digits of what was written without its extension (a national writing of another
 * country: "020 7150 7551"); null for a placeholder ("000-000-0000", "123-456-7890", "555-555-5555"). Before, it was
 * the last nine digits alone, so +1 212 555 0100 and +1 312 555 0100 were one number and an extension was glued on
 * (found by exploratory testing).
 */
export function accountPhone(raw: string): string | null {
  const number = raw.replace(PHONE_EXTENSION, '');
  const digits = number.replace(/\D/g, '');
  if (digits.length < 6 || isPlaceholderPhone(number)) return null;
  return toE164(number, 'US') ?? digits.slice(-9);
}

/**
 * Two phones (of accounts or people) are one number: the same E.164 number when both are one ("+1 212 555 0100" and
 * "+1 312 555 0100" share their last nine digits: found by exploratory testing), otherwise the same phone key (the
 * last nine digits, which is also the blocking key: any writing of a number finds the others).
 */
export function samePhoneNumber(a: string, b: string): boolean {
  if (a === b) return true;
  const [international, national] = [a.startsWith('+'), b.startsWith('+')];
  if (international && national) return false;
  if (international !== national) {
    // One written with its country code, the other without: the national one's digits, its trunk zeros dropped, end
    // the international one ("030 123457" and "+49 30 123457": a short number's last nine digits took the country code's).
    const [full, local] = international ? [a, b] : [b, a];
    const significant = local.replace(/\D/g, '').replace(/^0+/, '');
    if (significant.length >= 6 && significant.length < 9) return full.replace(/\D/g, '').endsWith(significant);
  }
  return phoneKey(a) === phoneKey(b);
}

/**
 * One writing per number as comparison tells numbers apart (samePhoneNumber): every international number, and a
 * national writing only when no international number kept is the same number ("030 12345678" beside "+493012345678");
 * of national writings of one number the first. Sorted. Two numbers differing only before their last nine digits
 * ("+1 212 555 0100", "+1 312 555 0100") are two: by the last nine digits one was dropped (issue 4). The
 * stakeholder's phones keep the same rule across records (refreshStakeholders).
 */
export function distinctPhones(phones: string[]): string[] {
  const sorted = [...new Set(phones)].sort();
  const kept = sorted.filter((p) => p.startsWith('+'));
  for (const phone of sorted) if (!phone.startsWith('+') && !kept.some((k) => samePhoneNumber(phone, k))) kept.push(phone);
  return kept.sort();
}

/** A phone for display: E.164 when it can be read as one, otherwise as written. */
export function phoneForDisplay(raw: string, defaultRegion = 'US'): string {
  return toE164(raw, defaultRegion) ?? raw.trim();
}

/** What matching compares of a contact record. */
export interface ContactFeatures {
  /** "first last" as written, and the generation a suffix states at its end ("john smith jr"): see `generationOf`. */
  nameKey: string;
  firstKey: string;
  lastKey: string;
  emails: string[];
  phones: string[];
  birthday: string | null;
  city: string | null;
  /** The given names after the first and the surnames before the last (otherNames), normalised. */
  otherNames: string[];
}

export interface ContactFacts {
  name: string;
  firstName?: string | null;
  lastName?: string | null;
  emails?: readonly string[] | null;
  phones?: readonly string[] | null;
  birthday?: string | null;
  city?: string | null;
}

export function normalizeEmail(raw: string): string | null {
  const match = /<([^>]+)>/.exec(raw);
  const email = (match ? match[1] : raw).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** A separate name field as written, '' when empty or a placeholder ("Unknown", "N/A"). */
function nameField(raw: string | null | undefined): string {
  const value = raw?.trim() ?? '';
  return isPlaceholderName(value) ? '' : value;
}

/** The generation a contact's name states ("John Smith Jr." → "jr"), '' when none: the last word of its name key after the names. */
export function generationOf(f: Pick<ContactFeatures, 'nameKey' | 'firstKey' | 'lastKey'>): string {
  const at = f.nameKey.lastIndexOf(' ');
  const word = at < 0 ? '' : f.nameKey.slice(at + 1);
  return isGeneration(word) && word !== f.lastKey && word !== f.firstKey ? word : '';
}

/** A contact's features; `now` (the hub's Clock's) says which birthdays are to come, left out (isFutureDay), as ingest's warning says. */
export function contactFeatures(facts: ContactFacts, now: Date, defaultRegion = 'US'): ContactFeatures {
  const parsed = parsePersonName(facts.name);
  // Separate name fields, when the system has them, say which name is which.
  const given = nameField(facts.firstName);
  const family = surnameAndGeneration(nameField(facts.lastName));
  const split = given || family.surname;
  const person = split ? { first: given, last: family.surname } : parsed;
  const generation = split ? family.generation : parsed.generation;
  const name = split ? [person.first, person.last].map(normalizeWord).filter(Boolean).join(' ') : parsed.key;
  const emails = [...new Set((facts.emails ?? []).map(normalizeEmail).filter((e): e is string => e !== null))].sort();
  // A placeholder number ("000-000-0000", "123-456-7890") is no phone.
  const phones = distinctPhones((facts.phones ?? []).filter((p) => phoneKey(p) !== null && !isPlaceholderPhone(p)).map((p) => phoneForDisplay(p, defaultRegion)));
  return {
    nameKey: name && generation ? `${name} ${generation}` : name,
    firstKey: person.first ? canonicalFirstName(normalizeWord(person.first)) : '',
    lastKey: normalizeWord(person.last),
    emails,
    phones,
    birthday: facts.birthday && !isFutureDay(facts.birthday, now) ? facts.birthday : null,
    city: facts.city ? normalizeWord(facts.city) || null : null,
    otherNames: split ? otherNamesOfFields(given, family.surname) : otherNames(facts.name),
  };
}

/**
 * Whether a "YYYY-MM-DD" day is later than today anywhere on Earth: no birthday yet (a typo, or a placeholder such as
 * 2999-01-01). Ingest warns of it and matching leaves it out; the person is still taken. `now`: the hub's Clock's, which
 * both go by (found in review: matching went by the machine's clock, the warning by the hub's).
 */
export function isFutureDay(day: string, now: Date): boolean {
  return day > new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

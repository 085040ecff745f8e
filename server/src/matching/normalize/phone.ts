import metadata from 'libphonenumber-js/metadata.min.json';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

/** "00" is the international call prefix in most of Europe, Africa and Asia ("0049 30 …" = "+49 30 …"). */
const LEADING_00 = /^[\s(]*00[\s-]*(?=[1-9])/;
const ALL_SAME_DIGIT = /^(\d)\1*$/;

/**
 * Phone number in E.164 ("+15550102030"), or null.
 *
 * - `defaultRegion` (ISO 3166 alpha-2, default 'US') is used for numbers written
 *   without a country code; an unknown region means "only +-prefixed numbers parse".
 * - Numbers need only be *possible* (right length for the country), not *valid*
 *   (assigned ranges): test and demo data use fictional 555 numbers.
 * - A leading "00" is read as the international prefix when the number does not
 *   parse as a national number of `defaultRegion` (e.g. "0049 30 1234567" with 'US').
 * - Extensions ("x123", "ext. 5") are dropped: E.164 has no extensions.
 * - Local numbers without an area code ("3865286") are null: they cannot be made
 *   E.164 without guessing the area.
 * - Placeholders made of one repeated digit ("000-000-0000") are null.
 * - A North American number whose area code starts with 0 or 1 is null: it is another country's national number.
 */
export function toE164(raw: string, defaultRegion: string = 'US'): string | null {
  if (!raw || raw.trim() === '') return null;
  const region = toCountryCode(defaultRegion);
  const direct = writtenAsInternational(raw) || region !== 'US' || writtenAsNorthAmerican(raw) ? possibleNumber(raw, region) : undefined;
  if (direct) return direct.number;
  if (!LEADING_00.test(raw)) return null;
  return possibleNumber(raw.replace(LEADING_00, '+'), region)?.number ?? null;
}

/** An extension after the number ("x123", "ext. 5", "extension 12", "#4"): no part of the number. */
export const PHONE_EXTENSION = /\s*(?:x|ext\.?|extension|#)\s*\d+\s*$/i;

/**
 * Written with its country code: "+49 …", or after North America's international prefix written apart from the number
 * and followed by a country code and a whole number, nine digits or more ("011 49 30 1234567"). Run together,
 * "0113 914 1700" is a British national number (Leeds), not +39 141700; and "011 825 0300" is one of Turin, not
 * +82 50300: read so, they made two writings of one number numbers of two countries (found by the demo's truth).
 */
function writtenAsInternational(raw: string): boolean {
  if (/^[\s(]*\+/.test(raw)) return true;
  const afterPrefix = /^[\s(]*011[\s-]+([1-9][\d\s().-]*)$/.exec(raw.replace(PHONE_EXTENSION, ''));
  return afterPrefix !== null && afterPrefix[1].replace(/\D/g, '').length >= 9;
}

/**
 * Whether a number written without its country code is written the North American way: 3-3-4 digits ("(312)
 * 555-0100", "312.555.0100"), ten digits at once, or 3 and 7, after an optional leading 1; the extension aside.
 * Another country's national writing read with region US became a US number ("55 1234 5678" of Mexico City
 * +15512345678, "98200 12345" of an Indian mobile +19820012345), which then differed from the same number written
 * with its country code (found in review): such writings stay as written, and matching compares their last digits.
 */
function writtenAsNorthAmerican(raw: string): boolean {
  const digitGroups = raw.replace(PHONE_EXTENSION, '').match(/\d+/g) ?? [];
  const rest = digitGroups[0] === '1' && digitGroups.length > 1 ? digitGroups.slice(1) : digitGroups;
  // An area code starts with 2–9: "011 825 0300" (Turin) is 3-3-4 too, and its 011 would be read as the prefix for abroad.
  return /^[2-9]/.test(rest[0] ?? '') && ['3,3,4', '10', '3,7'].includes(rest.map((g) => g.length).join(','));
}

function possibleNumber(text: string, region: CountryCode | undefined): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(text, region);
  if (!parsed || !parsed.isPossible() || ALL_SAME_DIGIT.test(parsed.nationalNumber)) return undefined;
  // A North American area code starts with 2–9: "0123456789" is another country's national number (a French one, with
  // its trunk 0), not "+10123456789" (found by exploratory testing). Left as written; matching reads its last digits.
  if (parsed.countryCallingCode === '1' && !/^[2-9]/.test(parsed.nationalNumber)) return undefined;
  return parsed;
}

function toCountryCode(region: string): CountryCode | undefined {
  const upper = region.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/**
 * A number typed where none was known: one digit repeated ("000-000-0000", "555-555-5555") or digits counting up
 * or down ("123-456-7890"), after any country code. Kept, it linked everyone who had one (found by exploratory
 * testing: people of different customers shared "000000000" as a phone key).
 */
export function isPlaceholderPhone(raw: string): boolean {
  const digits = raw.replace(/\D/g, '');
  const national = digits.length > 10 ? digits.slice(-10) : digits;
  if (national.length < 6) return false;
  const step = (national.charCodeAt(1) - national.charCodeAt(0) + 10) % 10;
  if (step !== 0 && step !== 1 && step !== 9) return false;
  for (let i = 2; i < national.length; i++) if ((national.charCodeAt(i) - national.charCodeAt(i - 1) + 10) % 10 !== step) return false;
  return true;
}

/**
 * The country calling code of a number written with it ("+44 20 7946 0871" → "44"), null for a number written without
 * one (a national writing says nothing sure of its country). For telling apart numbers of different countries.
 */
export function countryCallingCodeOf(phone: string): string | null {
  if (!writtenAsInternational(phone)) return null;
  return parsePhoneNumberFromString(phone)?.countryCallingCode ?? null;
}

/**
 * The country calling code of a phone written with it (E.164: "+61299991234" → "61"), null for a number written
 * without it (a national writing kept as its last digits). Calling codes are a prefix code: one reading per number.
 */
export function phoneCallingCode(phone: string): string | null {
  if (!phone.startsWith('+')) return null;
  // E.164 as accountPhone writes it: the code is the one prefix of its digits that is a calling code, read without
  // parsing the number (libphonenumber's parse was 45 ms of a batch of 1,000 new accounts). What parsing says of
  // other writings, and of numbers too short or too long for its checks of the rest, is asked of it
  // (phone.spec.ts compares the two on numbers of every calling code).
  if (E164_TO_READ.test(phone)) {
    for (let n = 1; n <= 3; n++) {
      const code = phone.slice(1, 1 + n);
      if (CALLING_CODES.has(code)) return code;
    }
    return null;
  }
  return parsePhoneNumberFromString(phone)?.countryCallingCode ?? null;
}

/** "+" and 9 to 15 digits: whatever the code (one to three digits), the rest is a national number parsing keeps whole. */
const E164_TO_READ = /^\+\d{9,15}$/;
/** Every calling code the metadata knows, of countries and not (+800): a prefix code, no code starts another. */
const CALLING_CODES: ReadonlySet<string> = new Set([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})]);

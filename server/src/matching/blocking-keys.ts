import { AccountFeatures, ContactFeatures, phoneKey } from './features';
import { registryNumber } from './normalize/registry-id';

/**
 * Blocking keys: short exact strings two records of one customer (or one
 * person) are likely to share, stored in `match_key` with a btree so finding
 * candidates is one index probe per key. Names give several keys each, so a
 * typo or a reordering in one place still leaves others in common:
 *   n: the whole normalised name      w: each distinctive word
 *   (n also takes the name without spaces: "gist brocades" / "gistbrocades")
 *   s: each word's Soundex (typos)    f: the word prefixes, sorted (plurals, order)
 *   d/r/p/a: domain, registry id, phone, building (house number + street).
 * People are keyed within their account (names, birthday, mailbox name; see
 * contactBlockingKeys) and globally by email and phone.
 */

// Words too common in organisation names to point at one customer.
const STOP_WORDS = new Set([
  'and', 'the', 'of', 'for', 'de', 'la', 'le', 'du', 'des', 'van', 'der', 'den', 'von', 'und', 'et', 'at', 'in', 'on', 'to', 'a', 'an',
]);

/** American Soundex: first letter + three digits, so "microsoft" and "micorsoft" agree. */
export function soundex(word: string): string {
  const letters = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!letters) return '';
  const code = (c: string) => ('bfpv'.includes(c) ? '1' : 'cgjkqsxz'.includes(c) ? '2' : 'dt'.includes(c) ? '3' : c === 'l' ? '4' : 'mn'.includes(c) ? '5' : c === 'r' ? '6' : '');
  let out = letters[0].toUpperCase();
  let last = code(letters[0]);
  for (const c of letters.slice(1)) {
    const digit = code(c);
    if (digit && digit !== last) out += digit;
    // h and w do not separate equal codes; vowels do.
    if (c !== 'h' && c !== 'w') last = digit;
    if (out.length === 4) break;
  }
  return out.padEnd(4, '0');
}

function words(name: string): string[] {
  return name.split(' ').filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
}

export function accountBlockingKeys(f: AccountFeatures): string[] {
  const keys = new Set<string>();
  if (f.nameNorm) {
    keys.add(`A|n:${f.nameNorm}`);
    // Words run together or split apart share no word, Soundex or prefix key: the name without spaces, as a name
    // key too, finds them ("gist brocades" / "gistbrocades"). A one-word name is its own: no second key.
    keys.add(`A|n:${f.nameNorm.replace(/ /g, '')}`);
  }
  const distinctive = words(f.nameNorm);
  for (const w of distinctive) {
    keys.add(`A|w:${w}`);
    if (w.length >= 4) keys.add(`A|s:${soundex(w)}`);
  }
  if (distinctive.length > 1) keys.add(`A|f:${distinctive.map((w) => w.slice(0, 4)).sort().join(' ')}`);
  for (const d of f.domains) keys.add(`A|d:${d}`);
  // The number without its court: the same number with the court written another way, or not at all, is a candidate
  // (scoring tells two courts apart).
  if (f.registryId) keys.add(`A|r:${registryNumber(f.registryId)}`);
  if (f.phone) keys.add(`A|p:${phoneKey(f.phone)}`);
  // The building: house number and the street's first word ("2929 s wabash ave" → "2929 s").
  const street = f.addressNorm?.match(/\b(\d+) (\S+)/);
  if (street) keys.add(`A|a:${street[1]} ${street[2]}`);
  return [...keys];
}

/**
 * A person's keys. Within the account: the surname and its Soundex; the first
 * name as a surname key and its Soundex among the surname codes (first and
 * last written the other way round, even with a typo); the birthday, its year
 * and month (a mistyped day), and the first name with the birth year; the
 * mailbox name of each email ("j.smith" at a mistyped or another domain of the
 * same company). Globally: the email and the phone (people move between customers).
 */
export function contactBlockingKeys(f: ContactFeatures, accountId: string): string[] {
  const keys = new Set<string>();
  const inAccount = (k: string) => keys.add(`C|${accountId}|${k}`);
  if (f.lastKey) {
    inAccount(`l:${f.lastKey}`);
    inAccount(`s:${soundex(f.lastKey)}`);
  }
  if (f.firstKey.length >= 2) {
    inAccount(`l:${f.firstKey}`);
    inAccount(`s:${soundex(f.firstKey)}`);
  }
  if (f.birthday) {
    inAccount(`b:${f.birthday}`);
    inAccount(`m:${f.birthday.slice(0, 7)}`);
    if (f.firstKey) inAccount(`y:${f.firstKey}:${f.birthday.slice(0, 4)}`);
  }
  for (const e of f.emails) {
    keys.add(`C|e:${e}`);
    const mailbox = e.slice(0, e.lastIndexOf('@'));
    if (mailbox.length >= 2) inAccount(`u:${mailbox}`);
  }
  for (const p of f.phones) keys.add(`C|p:${phoneKey(p)}`);
  return [...keys];
}

/**
 * A person as one line of text for nearest-neighbour blocking (pg_trgm, see
 * contactCandidates): first name (nicknames as the full name), surname,
 * birthday as "yyyy mm dd", city and the mailbox name of each email. Records
 * that share no key whole (no names, a mistyped birthday and city) still
 * share most of their trigrams. Null when there is nothing to compare.
 * CONTACT_LIKENESS_SQL computes the same from the stored columns.
 */
export function contactLikeness(f: ContactFeatures): string | null {
  const mailboxes = f.emails.map((e) => (e.includes('@') ? e.slice(0, e.lastIndexOf('@')) : e));
  const parts = [f.firstKey, f.lastKey, f.birthday?.replace(/-/g, ' '), f.city, ...mailboxes].filter((p) => !!p);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** contactLikeness from a source_contact_record row's feature columns (for records stored before it existed). */
export const CONTACT_LIKENESS_SQL = `nullif(concat_ws(' ', nullif(first_key, ''), nullif(last_key, ''),
  replace(to_char(birthday, 'YYYY-MM-DD'), '-', ' '), nullif(city, ''),
  (SELECT string_agg(nullif(regexp_replace(e, '@[^@]*$', ''), ''), ' ' ORDER BY o) FROM unnest(emails) WITH ORDINALITY AS m(e, o))), '')`;

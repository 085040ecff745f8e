import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The search key as this migration writes it: frozen copies of accounts/name-key.ts's nameKey (here foldedKey) and the foldText of
 * matching/normalize/text.ts it is built on, so that later edits of either do not change what this migration writes
 * (a later change of the key for stored accounts is a migration of its own).
 */
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;
const FORMAT_CHARACTERS = /\p{Cf}+/gu;
const SPECIAL_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'], ['đ', 'd'], ['ð', 'd'], ['ł', 'l'], ['þ', 'th'], ['ı', 'i'], ['ħ', 'h'], ['ŀ', 'l'],
]);
const SPECIAL_LETTER = /[ßæœøđðłþıħŀ]/g;

function foldText(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s
    .normalize('NFKD')
    .replace(FORMAT_CHARACTERS, '')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_LETTER, (c) => SPECIAL_LETTERS.get(c) ?? c);
}

/** The search key: letters such as ß, ø and ł folded as people type them. */
function foldedKey(name: string): string {
  return foldText(name)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The search key as it was before: letters such as ß, ø and ł kept as they are. */
function unfoldedKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/\s+/g, ' ');
}

/**
 * Account search keys spell ß, æ, ø, ł and the like as people type them ("grossmann" finds
 * "Großmann"): the keys of stored accounts with such letters are made again. Only names with
 * letters beyond ASCII can change.
 */
export class AccountNameKeysFolded1763903500000 implements MigrationInterface {
  name = 'AccountNameKeysFolded1763903500000';

  async up(q: QueryRunner): Promise<void> {
    await rekey(q, foldedKey);
  }

  async down(q: QueryRunner): Promise<void> {
    await rekey(q, unfoldedKey);
  }
}

async function rekey(q: QueryRunner, key: (name: string) => string): Promise<void> {
  const rows: { id: string; name: string; name_key: string }[] = await q.query(`SELECT id, name, name_key FROM account WHERE name ~ '[^\\x01-\\x7f]'`);
  const changed = rows.filter((r) => key(r.name) !== r.name_key);
  for (let i = 0; i < changed.length; i += 5000) {
    const slice = changed.slice(i, i + 5000);
    await q.query(`UPDATE account a SET name_key = x.key FROM unnest($1::uuid[], $2::text[]) AS x(id, key) WHERE a.id = x.id`,
      [slice.map((r) => r.id), slice.map((r) => key(r.name))]);
  }
}

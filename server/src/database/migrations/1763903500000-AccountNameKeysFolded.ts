import { MigrationInterface, QueryRunner } from 'typeorm';
import { nameKey } from '../../accounts/name-key';

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
    await rekey(q, nameKey);
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

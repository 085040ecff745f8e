import { MigrationInterface, QueryRunner } from 'typeorm';

// The text the word filter searches (a migration depends on no code that may change after it).
const TEXT_OF = (config: string) =>
  `to_tsvector('${config}', coalesce(t.subject, '') || ' ' || coalesce(t.summary, '') || ' ' || coalesce(t.outcome, ''))`;
// Only text with a letter outside ASCII reads otherwise: ASCII words never pass through unaccent.
const NOT_ASCII = `(coalesce(t.subject, '') || coalesce(t.summary, '') || coalesce(t.outcome, '')) ~ '[^\\x01-\\x7F]'`;

/**
 * The timeline's words without their accents. Reps type "cafe" and "Muller" for
 * "Café Müller", "Sao Paulo" for "São Paulo"; the word filter, stemming with
 * PostgreSQL's 'english' configuration, found nothing for them, while account
 * search (trigrams over unaccented names) did. `ourcustomer_words` is 'english'
 * with the unaccent dictionary in front of the stemmer for words with letters
 * outside ASCII (ASCII words are read exactly as before), and the stored words
 * of touchpoints whose text has such letters are written again with it.
 */
export class TimelineWordsUnaccented1763905200000 implements MigrationInterface {
  name = 'TimelineWordsUnaccented1763905200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE TEXT SEARCH CONFIGURATION ourcustomer_words (COPY = english)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION ourcustomer_words ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem`);
    await this.rewrite(q, 'ourcustomer_words');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rewrite(q, 'english');
    await q.query(`DROP TEXT SEARCH CONFIGURATION ourcustomer_words`);
  }

  private async rewrite(q: QueryRunner, config: string): Promise<void> {
    await q.query(
      `UPDATE touchpoint_words w SET words = ${TEXT_OF(config)}
         FROM touchpoint t WHERE t.account_id = w.account_id AND t.id = w.touchpoint_id AND ${NOT_ASCII}`,
    );
  }
}

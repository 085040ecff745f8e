import { DataSource } from 'typeorm';
import { engagementRollups } from '../engagement/rollups';
import { textOf, timelineWords } from '../touchpoints/timeline-words';

const MONTH = (at: string) => `(date_trunc('month', ${at} AT TIME ZONE 'UTC'))::date`;
/** The touchpoints the rollups count: those not pending in the outbox (engagement/rollups.ts). */
const COUNTED = `(SELECT t.* FROM touchpoint t WHERE NOT EXISTS (SELECT 1 FROM touchpoint_outbox o WHERE o.account_id = t.account_id AND o.touchpoint_id = t.id)) AS touchpoint`;

/** Each engagement rollup as its definition over the touchpoints it counts, with its key (the order to compare in). */
const DEFINITIONS: Record<string, { key: string; definition: string }> = {
  engagement_month: {
    key: 'account_id, month, division_id, type',
    definition: `SELECT account_id, ${MONTH('occurred_at')} AS month, division_id, type, count(*)::int AS touch_count, min(occurred_at) AS first_at, max(occurred_at) AS last_at
                   FROM ${COUNTED} GROUP BY 1, 2, 3, 4`,
  },
  engagement_colleague_month: {
    key: 'account_id, email, month, division_id',
    definition: `SELECT account_id, e AS email, ${MONTH('occurred_at')} AS month, division_id, count(*)::int AS touch_count, max(occurred_at) AS last_at
                   FROM ${COUNTED}, unnest(colleague_emails) e GROUP BY 1, 2, 3, 4`,
  },
  engagement_person: {
    key: 'account_id, division_id, stakeholder_id',
    definition: `SELECT account_id, division_id, n AS stakeholder_id, min(occurred_at) AS first_at
                   FROM ${COUNTED}, unnest(stakeholder_ids) n GROUP BY 1, 2, 3`,
  },
  engagement_colleague_person: {
    key: 'account_id, email, stakeholder_id',
    definition: `SELECT account_id, e AS email, n AS stakeholder_id, min(occurred_at) AS first_at
                   FROM ${COUNTED}, unnest(colleague_emails) e, unnest(stakeholder_ids) n GROUP BY 1, 2, 3`,
  },
};

/** What the rule of engagement/rollups.ts says the database holds, and what it holds, side by side: equal when it is kept. */
export interface RollupState {
  /** Outbox rows that are not their touchpoint as it is (gone, moved, changed), and touchpoints pending twice. */
  strayOutboxRows: unknown[];
  rollups: { table: string; stored: unknown[]; defined: unknown[] }[];
  /**
   * Where the timeline's words break their rule (touchpoints/timeline-words.ts): words that are not their
   * touchpoint's text and time as they are now (or of no touchpoint there), and touchpoints with neither words nor an outbox row.
   */
  strayWords: unknown[];
}

/** Reads the outbox against the touchpoints and each rollup against its definition over the touchpoints it counts. */
export async function rollupState(db: Pick<DataSource, 'query'>): Promise<RollupState> {
  const strayOutboxRows = [
    ...await db.query(
      `SELECT o.account_id, o.touchpoint_id FROM touchpoint_outbox o LEFT JOIN touchpoint t ON t.account_id = o.account_id AND t.id = o.touchpoint_id
        WHERE t.id IS NULL OR (o.division_id, o.type, o.occurred_at, o.colleague_emails, o.stakeholder_ids)
                              IS DISTINCT FROM (t.division_id, t.type, t.occurred_at, t.colleague_emails, t.stakeholder_ids)`),
    ...await db.query(`SELECT touchpoint_id FROM touchpoint_outbox GROUP BY touchpoint_id HAVING count(*) > 1`),
  ];
  const rollups = [];
  for (const [table, { key, definition }] of Object.entries(DEFINITIONS)) {
    rollups.push({ table, stored: await db.query(`SELECT * FROM ${table} ORDER BY ${key}`), defined: await db.query(`SELECT * FROM (${definition}) d ORDER BY ${key}`) });
  }
  const strayWords = [
    ...await db.query(
      `SELECT w.account_id, w.touchpoint_id, 'words not its text' AS why FROM touchpoint_words w
         LEFT JOIN touchpoint t ON t.account_id = w.account_id AND t.id = w.touchpoint_id
        WHERE t.id IS NULL OR (w.occurred_at, w.words) IS DISTINCT FROM (t.occurred_at, ${textOf('t')})`),
    ...await db.query(
      `SELECT t.account_id, t.id AS touchpoint_id, 'neither words nor pending' AS why FROM touchpoint t
        WHERE NOT EXISTS (SELECT 1 FROM touchpoint_words w WHERE w.account_id = t.account_id AND w.touchpoint_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM touchpoint_outbox o WHERE o.account_id = t.account_id AND o.touchpoint_id = t.id)`),
  ];
  return { strayOutboxRows, rollups, strayWords };
}

/** Deletes touchpoints as the rules of engagement/rollups.ts and timeline-words.ts want it (no writer of the hub deletes any): out of the rollups first, their words with them. */
export async function deleteTouchpoints(db: DataSource, where: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    const gone: { accountId: string; id: string }[] = await tx.query(`SELECT account_id AS "accountId", id FROM touchpoint WHERE ${where} FOR UPDATE`, params);
    await engagementRollups.uncount(tx, gone);
    await timelineWords.forget(tx, gone);
    await tx.query(`DELETE FROM touchpoint WHERE ${where}`, params);
  });
}

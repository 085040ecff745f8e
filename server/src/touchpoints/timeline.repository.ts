import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TouchpointType } from '../ingest/ingest.types';
import { textOf, WORDS_CONFIG } from './timeline-words';
import { Touchpoint } from './touchpoint.types';

/** A touchpoint row as stored, before confidentiality is applied. */
export type TouchpointRow = Omit<Touchpoint, 'contentHidden'> & { sortKey: string };

/** What the timeline query needs: the page position, the filters, and whose confidential content may be searched. */
export interface TimelineQuery {
  accountId: string;
  limit: number;
  after?: { occurredAt: string; id: string };
  divisionIds?: string[];
  types?: TouchpointType[];
  colleagueIds?: string[];
  stakeholderIds?: string[];
  from?: Date;
  to?: Date;
  text?: string;
  /** Whose confidential content the caller may read, and so search: every division's (admins) or one division's. */
  readsConfidentialOf: 'ALL' | { divisionId: string };
}

export const TOUCHPOINT_COLUMNS = `t.id, t.account_id AS "accountId", t.division_id AS "divisionId", t.source_system AS "sourceSystem",
  t.external_id AS "externalId", t.type, t.occurred_at AS "occurredAt", t.occurred_at::text AS "sortKey", t.subject, t.summary, t.outcome,
  t.confidential, t.opportunity_id AS "opportunityId", t.colleague_emails AS "colleagueEmails", t.stakeholder_ids AS "stakeholderIds",
  CASE WHEN cardinality(t.stakeholder_ids) < cardinality(t.participant_external_ids) + cardinality(t.participant_emails)
       THEN t.participant_external_ids ELSE '{}' END AS "unresolvedParticipantIds", t.created_at AS "recordedAt", t.updated_at AS "updatedAt"`;

/**
 * The timeline query: one account's touchpoints, newest first, keyset on
 * (occurred_at, id) — the index touchpoint_timeline_idx serves it, filters
 * included, since every filter is a condition on that account's rows.
 */
@Injectable()
export class TimelineRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(q: TimelineQuery): Promise<TouchpointRow[]> {
    const people = q.stakeholderIds?.length ? await this.withMergedAway(q.stakeholderIds) : null;
    const values = [
      q.accountId, q.after?.occurredAt ?? null, q.after?.id ?? null, listOrNull(q.divisionIds), listOrNull(q.types), listOrNull(q.colleagueIds),
      people, q.from ?? null, q.to ?? null, q.limit + 1,
    ];
    const text = q.text?.trim();
    if (!text) return this.db.query(`SELECT ${TOUCHPOINT_COLUMNS} FROM touchpoint t WHERE ${FILTERS} ORDER BY t.occurred_at DESC, t.id DESC LIMIT $10`, values);
    return this.db.query(WORDS_PAGE, [...values, text, q.readsConfidentialOf === 'ALL' ? 'ALL' : q.readsConfidentialOf.divisionId]);
  }

  /** Whether the words give the search anything to look for: not only stop words ("the", "or"), operators or punctuation. */
  async searchable(text: string): Promise<boolean> {
    const [{ nodes }]: { nodes: number }[] = await this.db.query(`SELECT numnode(${QUERY.replace('$11', '$1')}) AS nodes`, [text]);
    return nodes > 0;
  }

  /**
   * The people a filter names, with the ids merged into them (their touchpoints
   * still name the merged-away id). Resolved before the page is asked for, so
   * the planner sees the ids and can weigh the GIN index on the people of each
   * touchpoint against the timeline index. Participants whose contact record
   * arrived after the touchpoint are already among its people: ingest attaches
   * them when the contact comes (attachParticipants).
   */
  private async withMergedAway(ids: string[]): Promise<string[]> {
    // An id merged away is first the person it is now (an old link names it): then every id merged into them.
    const rows: { id: string }[] = await this.db.query(
      `WITH asked AS (SELECT coalesce(s.merged_into_id, s.id) AS id FROM stakeholder s WHERE s.id = ANY($1::uuid[]))
       SELECT id FROM asked UNION SELECT s.id FROM stakeholder s WHERE s.merged_into_id IN (SELECT id FROM asked)`,
      [ids],
    );
    return rows.length ? rows.map((r) => r.id) : ids;
  }

  /** Touchpoints of one account by id (live updates: ids announced for that account; ids of other accounts are ignored). */
  async byIds(accountId: string, ids: readonly string[]): Promise<TouchpointRow[]> {
    return this.db.query(
      `SELECT ${TOUCHPOINT_COLUMNS} FROM touchpoint t WHERE t.account_id = $1 AND t.id = ANY($2::uuid[]) ORDER BY t.occurred_at, t.id`,
      [accountId, ids],
    );
  }
}

/** The account ($1), the page's position ($2, $3) and the filters but words ($4–$9), on touchpoint `t`; $10 is the page size. */
const FILTERS = `t.account_id = $1
  AND ($2::timestamptz IS NULL OR (t.occurred_at, t.id) < ($2::timestamptz, $3::uuid))
  AND ($4::uuid[] IS NULL OR t.division_id = ANY($4::uuid[]))
  AND ($5::text[] IS NULL OR t.type = ANY($5::text[]))
  AND ($6::uuid[] IS NULL OR t.colleague_emails && ARRAY(SELECT lower(c.email) FROM colleague c WHERE c.id = ANY($6::uuid[])))
  AND ($7::uuid[] IS NULL OR t.stakeholder_ids && $7::uuid[])
  AND ($8::timestamptz IS NULL OR t.occurred_at >= $8::timestamptz)
  AND ($9::timestamptz IS NULL OR t.occurred_at < $9::timestamptz)`;

/** Confidential content is searched only by those who may read it ($12: 'ALL' or the caller's division). */
const SEARCHABLE = `($12::text = 'ALL' OR NOT t.confidential OR t.division_id::text = $12::text)`;
const QUERY = `websearch_to_tsquery('${WORDS_CONFIG}', $11::text)`;

/**
 * A page filtered by words ($11), from the timeline's word index (touchpoints/timeline-words.ts), in two
 * parts, a page each; the page is their first:
 * - the touchpoints with words: the account's entries of the GIN index on (account_id, words), every match,
 *   sorted by the time the index rows carry; then the touchpoints in that order (a probe each, OFFSET 0
 *   keeps it a probe: on its own the planner read the account's whole timeline to hash-join them) until
 *   the page is full. The cost is the account's matches, not its touchpoints: a word absent from an
 *   account of 30,000 reads nothing, and nothing walks a timeline looking for a rare word;
 * - the account's pending touchpoints without words yet (those since the last fold), their text read on the fly.
 */
const WORDS_PAGE = `SELECT * FROM (
  (SELECT t.* FROM (
       SELECT w.touchpoint_id, w.occurred_at FROM touchpoint_words w
        WHERE w.account_id = $1 AND w.words @@ ${QUERY}
          AND ($2::timestamptz IS NULL OR (w.occurred_at, w.touchpoint_id) < ($2::timestamptz, $3::uuid))
          AND ($8::timestamptz IS NULL OR w.occurred_at >= $8::timestamptz)
          AND ($9::timestamptz IS NULL OR w.occurred_at < $9::timestamptz)
        ORDER BY w.occurred_at DESC, w.touchpoint_id DESC OFFSET 0) m
     CROSS JOIN LATERAL (SELECT ${TOUCHPOINT_COLUMNS} FROM touchpoint t WHERE t.id = m.touchpoint_id AND ${FILTERS} AND ${SEARCHABLE} OFFSET 0) t
    ORDER BY m.occurred_at DESC, m.touchpoint_id DESC LIMIT $10)
  UNION ALL
  (SELECT ${TOUCHPOINT_COLUMNS} FROM touchpoint_outbox o JOIN touchpoint t ON t.account_id = o.account_id AND t.id = o.touchpoint_id
    WHERE o.account_id = $1 AND ${FILTERS} AND ${SEARCHABLE}
      AND NOT EXISTS (SELECT 1 FROM touchpoint_words w WHERE w.account_id = t.account_id AND w.touchpoint_id = t.id)
      AND ${textOf('t')} @@ ${QUERY}
    ORDER BY t.occurred_at DESC, t.id DESC LIMIT $10)
) page ORDER BY "occurredAt" DESC, id DESC LIMIT $10`;

function listOrNull<T>(list: T[] | undefined): T[] | null {
  return list && list.length > 0 ? list : null;
}

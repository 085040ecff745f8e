import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TouchpointType } from '../ingest/ingest.types';
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

/** The document the free-text filter searches: the same expression as the index touchpoint_text_idx (migration TimelineText), or the index cannot serve it. */
export const TOUCHPOINT_TEXT = `to_tsvector('english', coalesce(t.subject, '') || ' ' || coalesce(t.summary, '') || ' ' || coalesce(t.outcome, ''))`;

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
    return this.db.query(
      `SELECT ${TOUCHPOINT_COLUMNS}
         FROM touchpoint t
        WHERE t.account_id = $1
          AND ($2::timestamptz IS NULL OR (t.occurred_at, t.id) < ($2::timestamptz, $3::uuid))
          AND ($4::uuid[] IS NULL OR t.division_id = ANY($4::uuid[]))
          AND ($5::text[] IS NULL OR t.type = ANY($5::text[]))
          AND ($6::uuid[] IS NULL OR t.colleague_emails && ARRAY(SELECT lower(c.email) FROM colleague c WHERE c.id = ANY($6::uuid[])))
          AND ($7::uuid[] IS NULL OR t.stakeholder_ids && $7::uuid[])
          AND ($8::timestamptz IS NULL OR t.occurred_at >= $8::timestamptz)
          AND ($9::timestamptz IS NULL OR t.occurred_at < $9::timestamptz)
          AND ($10::text IS NULL OR (${TOUCHPOINT_TEXT} @@ websearch_to_tsquery('english', $10::text)
               AND ($11::text = 'ALL' OR NOT t.confidential OR t.division_id::text = $11::text)))
        ORDER BY t.occurred_at DESC, t.id DESC
        LIMIT $12`,
      [
        q.accountId, q.after?.occurredAt ?? null, q.after?.id ?? null, listOrNull(q.divisionIds), listOrNull(q.types), listOrNull(q.colleagueIds),
        people, q.from ?? null, q.to ?? null, q.text?.trim() || null, q.readsConfidentialOf === 'ALL' ? 'ALL' : q.readsConfidentialOf.divisionId, q.limit + 1,
      ],
    );
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
    const rows: { id: string }[] = await this.db.query(
      `SELECT s.id FROM stakeholder s WHERE s.id = ANY($1::uuid[])
        UNION SELECT s.id FROM stakeholder s WHERE s.merged_into_id = ANY($1::uuid[])`,
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

function listOrNull<T>(list: T[] | undefined): T[] | null {
  return list && list.length > 0 ? list : null;
}

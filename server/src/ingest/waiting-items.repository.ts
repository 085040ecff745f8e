import { DataSource } from 'typeorm';
import { SortKeyed } from '../common/relay/cursor';
import { IngestItemKind } from './ingest.types';

export interface WaitingItemRow {
  id: string;
  divisionId: string;
  sourceSystem: string;
  kind: IngestItemKind;
  /** Null for critical-info items, which wait under a key of their own (account, field, content). */
  externalId: string | null;
  accountExternalId: string;
  raw: Record<string, unknown>;
  receivedAt: Date;
}

/** The SQL of the waiting-items list (ingest's own reads and writes of waiting_item are in held-items.repository.ts). */
export const waitingItemsSql = {
  /** Longest waiting first (keyset on received_at, id: index waiting_item_received_idx). */
  list(db: DataSource, limit: number, after?: [string, string]): Promise<SortKeyed<WaitingItemRow>[]> {
    return db.query(
      `SELECT id, division_id AS "divisionId", source_system AS "sourceSystem", kind,
              CASE WHEN kind = '${IngestItemKind.CRITICAL_INFO}' THEN NULL ELSE external_id END AS "externalId",
              account_external_id AS "accountExternalId", raw, received_at AS "receivedAt", received_at::text AS "sortKey"
         FROM waiting_item
        WHERE $1::timestamptz IS NULL OR (received_at, id) > ($1::timestamptz, $2::uuid)
        ORDER BY received_at, id LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  },
};

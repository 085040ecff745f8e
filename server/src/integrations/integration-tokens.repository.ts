import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IntegrationToken } from './integration-token.types';

const COLUMNS = `id, division_id AS "divisionId", name, created_by AS "createdBy", created_at AS "createdAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

@Injectable()
export class IntegrationTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  all(): Promise<IntegrationToken[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM integration_token ORDER BY created_at DESC, id`);
  }

  async insert(manager: EntityManager, divisionId: string, name: string, tokenHash: string, createdBy: string): Promise<IntegrationToken> {
    const rows: IntegrationToken[] = await manager.query(
      `INSERT INTO integration_token (division_id, name, token_hash, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [divisionId, name, tokenHash, createdBy],
    );
    return rows[0];
  }

  async revoke(manager: EntityManager, id: string): Promise<IntegrationToken | null> {
    const rows: IntegrationToken[] = await manager.query(
      `WITH revoked AS (UPDATE integration_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *)
       SELECT ${COLUMNS} FROM revoked`,
      [id],
    );
    return rows[0] ?? null;
  }
}

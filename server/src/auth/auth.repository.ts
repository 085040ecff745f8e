import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ColleagueRole } from '../colleagues/colleague.entity';

export interface SignInRow {
  id: string;
  email: string;
  name: string;
  role: ColleagueRole;
  divisionId: string;
  passwordHash: string | null;
  failedSignIns: number;
  lockedUntil: Date | null;
}

export interface SessionRow {
  sessionId: string;
  id: string;
  email: string;
  name: string;
  role: ColleagueRole;
  divisionId: string;
  /** When the session ends (a cached session is not used past it). */
  expiresAt: Date;
}

export interface TokenRow {
  tokenId: string;
  divisionId: string;
  name: string;
}

/** The SQL of sign-in, sessions and token lookup. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async colleagueForSignIn(email: string): Promise<SignInRow | null> {
    const rows: SignInRow[] = await this.db.query(
      `SELECT id, email, name, role, division_id AS "divisionId", password_hash AS "passwordHash",
              failed_sign_ins AS "failedSignIns", locked_until AS "lockedUntil"
         FROM colleague WHERE email = $1`,
      [email],
    );
    return rows[0] ?? null;
  }

  /** Counts a failure; from `maxFailures` on, locks the colleague until `lockUntil`. */
  async recordFailure(id: string, maxFailures: number, lockUntil: Date): Promise<void> {
    await this.db.query(
      `UPDATE colleague SET failed_sign_ins = failed_sign_ins + 1,
              locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1`,
      [id, maxFailures, lockUntil],
    );
  }

  async createSession(colleagueId: string, tokenHash: string, expiresAt: Date): Promise<string> {
    await this.db.query(`UPDATE colleague SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1`, [colleagueId]);
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO session (token_hash, colleague_id, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [tokenHash, colleagueId, expiresAt],
    );
    return rows[0].id;
  }

  async session(tokenHash: string): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.db.query(
      `SELECT s.id AS "sessionId", c.id, c.email, c.name, c.role, c.division_id AS "divisionId", s.expires_at AS "expiresAt"
         FROM session s JOIN colleague c ON c.id = s.colleague_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async integrationToken(tokenHash: string): Promise<TokenRow | null> {
    // TypeORM answers a bare UPDATE … RETURNING with [rows, count]; a CTE answers with plain rows.
    const rows: TokenRow[] = await this.db.query(
      `WITH used AS (
         UPDATE integration_token SET last_used_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL
          RETURNING id AS "tokenId", division_id AS "divisionId", name)
       SELECT * FROM used`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }
}

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
      `SELECT id, email, name, role, division_id AS "divisionId", password_hash AS "passwordHash" FROM colleague WHERE email = $1`,
      [email],
    );
    return rows[0] ?? null;
  }

  /**
   * Counts a sign-in attempt for an email (known or not) before its password is checked, as a failure
   * until it succeeds: of any number of attempts at once, only `maxFailures` are checked. The one past
   * them locks the email for `lockMinutes`; a lock that has run out starts the count again.
   * Answers when the email is locked until, or null when this attempt may be checked.
   */
  async countAttempt(email: string, maxFailures: number, lockMinutes: number): Promise<Date | null> {
    const [row]: { lockedUntil: Date | null }[] = await this.db.query(
      `INSERT INTO sign_in_attempt AS s (email, failures) VALUES ($1, 1)
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE WHEN s.locked_until <= now() THEN 1 ELSE s.failures + 1 END,
         locked_until = CASE WHEN s.locked_until <= now() THEN NULL
                             WHEN s.locked_until IS NULL AND s.failures + 1 > $2 THEN now() + make_interval(mins => $3)
                             ELSE s.locked_until END,
         updated_at = now()
       RETURNING locked_until AS "lockedUntil"`,
      [email, maxFailures, lockMinutes],
    );
    return row.lockedUntil;
  }

  /** A proven sign-in clears its email's count; counts nobody added to for a day are dropped on the way. */
  async clearAttempts(email: string): Promise<void> {
    await this.db.query(
      `DELETE FROM sign_in_attempt WHERE email = $1 OR (updated_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now()))`,
      [email],
    );
  }

  async createSession(colleagueId: string, tokenHash: string, expiresAt: Date): Promise<string> {
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

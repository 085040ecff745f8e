import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Colleague, ColleagueRole } from './colleague.entity';

const COLUMNS = `id, email, name, division_id AS "divisionId", role, created_at AS "createdAt"`;

@Injectable()
export class ColleaguesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string): Promise<Colleague | null> {
    const rows: Colleague[] = await this.db.query(`SELECT ${COLUMNS} FROM colleague WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByEmail(email: string): Promise<Colleague | null> {
    const rows: Colleague[] = await this.db.query(`SELECT ${COLUMNS} FROM colleague WHERE email = $1`, [email]);
    return rows[0] ?? null;
  }

  /** Colleagues by (lower-case) email, for many at once (a DataLoader's batch). */
  async findByEmails(emails: readonly string[]): Promise<Map<string, Colleague>> {
    const rows: Colleague[] = await this.db.query(`SELECT ${COLUMNS} FROM colleague WHERE email = ANY($1::text[])`, [emails]);
    return new Map(rows.map((row) => [row.email, row]));
  }

  /** Colleagues by id, for many at once. */
  async findByIds(ids: readonly string[]): Promise<Map<string, Colleague>> {
    const rows: Colleague[] = await this.db.query(`SELECT ${COLUMNS} FROM colleague WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async setDivision(manager: EntityManager, id: string, divisionId: string): Promise<void> {
    await manager.query(`UPDATE colleague SET division_id = $2 WHERE id = $1`, [id, divisionId]);
  }

  /** Inserts unless the email exists; returns null on a duplicate. */
  async insert(
    manager: EntityManager,
    values: { email: string; name: string; divisionId: string; role: ColleagueRole; passwordHash: string | null },
  ): Promise<Colleague | null> {
    const rows: Colleague[] = await manager.query(
      `INSERT INTO colleague (email, name, division_id, role, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [values.email, values.name, values.divisionId, values.role, values.passwordHash],
    );
    return rows[0] ?? null;
  }
}

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

  /** Inserts unless the email exists; returns null on a duplicate. */
  async insert(
    manager: EntityManager,
    values: { email: string; name: string; divisionId: string; role: ColleagueRole; passwordHash: string },
  ): Promise<Colleague | null> {
    const rows: Colleague[] = await manager.query(
      `INSERT INTO colleague (email, name, division_id, role, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [values.email, values.name, values.divisionId, values.role, values.passwordHash],
    );
    return rows[0] ?? null;
  }
}

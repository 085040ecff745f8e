import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { storable } from '../common/text';
import { Division } from './division.entity';

const COLUMNS = `id, key, name, created_at AS "createdAt"`;

@Injectable()
export class DivisionsRepository {
  /** Divisions read so far, by id (see findByIds). */
  private readonly known = new Map<string, Division>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  all(): Promise<Division[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM division ORDER BY name`);
  }

  async findByKey(key: string): Promise<Division | null> {
    // A text PostgreSQL cannot take (a NUL, a lone surrogate) names no division; asking it failed the statement.
    if (!storable(key)) return null;
    const rows: Division[] = await this.db.query(`SELECT ${COLUMNS} FROM division WHERE key = $1`, [key]);
    return rows[0] ?? null;
  }

  /** Inserts unless the key exists; returns null on a duplicate. */
  async insert(manager: EntityManager, key: string, name: string): Promise<Division | null> {
    const rows: Division[] = await manager.query(
      `INSERT INTO division (key, name) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING ${COLUMNS}`,
      [key, name],
    );
    return rows[0] ?? null;
  }

  /**
   * Divisions by id, from this process's memory where it has read them before.
   * A division is never changed or deleted once created (no UPDATE or DELETE
   * here or anywhere), so what was read once stays true; this saves a statement
   * on every timeline page. Should divisions ever be renamed, drop this memory.
   */
  async findByIds(ids: readonly string[]): Promise<Map<string, Division>> {
    const found = new Map<string, Division>();
    const missing: string[] = [];
    for (const id of ids) {
      const known = this.known.get(id);
      if (known) found.set(id, known);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const rows: Division[] = await this.db.query(`SELECT ${COLUMNS} FROM division WHERE id = ANY($1::uuid[])`, [missing]);
    for (const row of rows) {
      this.known.set(row.id, row);
      found.set(row.id, row);
    }
    return found;
  }
}

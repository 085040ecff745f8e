import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Division } from './division.entity';

const COLUMNS = `id, key, name, created_at AS "createdAt"`;

@Injectable()
export class DivisionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  all(): Promise<Division[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM division ORDER BY name`);
  }

  async findByKey(key: string): Promise<Division | null> {
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

  async findByIds(ids: readonly string[]): Promise<Map<string, Division>> {
    const rows: Division[] = await this.db.query(`SELECT ${COLUMNS} FROM division WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }
}

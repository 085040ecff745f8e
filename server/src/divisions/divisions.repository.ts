import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Division } from './division.entity';

const COLUMNS = `id, key, name, created_at AS "createdAt"`;

@Injectable()
export class DivisionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  all(): Promise<Division[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM division ORDER BY name`);
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, Division>> {
    const rows: Division[] = await this.db.query(`SELECT ${COLUMNS} FROM division WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }
}

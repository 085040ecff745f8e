import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Stakeholder } from './stakeholder.types';

export const STAKEHOLDER_COLUMNS = `s.id, s.account_id AS "accountId", s.name, s.title, s.department, s.emails, s.phones`;

@Injectable()
export class StakeholdersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stakeholders by id, for many at once (a DataLoader's batch). An id merged
   * into another person answers with the survivor, so touchpoints that name
   * the old id still show the right person.
   */
  async findByIds(ids: readonly string[]): Promise<Map<string, Stakeholder>> {
    const rows: (Stakeholder & { askedId: string })[] = await this.db.query(
      `SELECT asked.id AS "askedId", ${STAKEHOLDER_COLUMNS}
         FROM stakeholder asked
         JOIN stakeholder s ON s.id = COALESCE(asked.merged_into_id, asked.id)
        WHERE asked.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map(({ askedId, ...s }) => [askedId, s]));
  }

  /**
   * Stakeholders by a division's contact id, keyed `divisionId|sourceSystem|externalId`:
   * touchpoint participants whose contact record arrived after the touchpoint.
   */
  async findByContacts(keys: readonly string[]): Promise<Map<string, Stakeholder>> {
    const parts = keys.map((k) => k.split('|'));
    const rows: (Stakeholder & { contactKey: string })[] = await this.db.query(
      `SELECT k.division_id || '|' || k.source_system || '|' || k.external_id AS "contactKey", ${STAKEHOLDER_COLUMNS}
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(division_id, source_system, external_id)
         JOIN source_contact_record c USING (division_id, source_system, external_id)
         JOIN stakeholder asked ON asked.id = c.stakeholder_id
         JOIN stakeholder s ON s.id = COALESCE(asked.merged_into_id, asked.id)`,
      [parts.map((p) => p[0]), parts.map((p) => p[1]), parts.map((p) => p.slice(2).join('|'))],
    );
    return new Map(rows.map(({ contactKey, ...s }) => [contactKey, s]));
  }
}

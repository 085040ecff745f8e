import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * What one division's system says about a customer, kept verbatim under its
 * natural key (division, source system, external id) and linked to the merged
 * Account. Identity resolution (matching, link status) builds on this table.
 */
@Entity('source_account_record')
@Unique('source_account_record_natural_key', ['divisionId', 'sourceSystem', 'externalId'])
@Index('source_account_record_account_idx', ['accountId', 'divisionId'])
export class SourceAccountRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'division_id', type: 'uuid' })
  divisionId: string;

  @Column({ name: 'source_system', type: 'text' })
  sourceSystem: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  /** The name as the division spells it. */
  @Column({ type: 'text' })
  name: string;

  /** The record exactly as it was sent. */
  @Column({ type: 'jsonb' })
  raw: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

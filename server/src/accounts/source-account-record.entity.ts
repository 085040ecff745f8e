import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Division } from '../divisions/division.entity';
import { Account } from './account.entity';

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

  @ManyToOne(() => Division, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_id', foreignKeyConstraintName: 'source_account_record_division_id_fkey' })
  division?: Division;

  @Column({ name: 'source_system', type: 'text' })
  sourceSystem: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'source_account_record_account_id_fkey' })
  account?: Account;

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

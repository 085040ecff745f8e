import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum LifecycleStage {
  PROSPECT = 'PROSPECT',
  ONBOARDING = 'ONBOARDING',
  ACTIVE = 'ACTIVE',
  RENEWAL = 'RENEWAL',
  AT_RISK = 'AT_RISK',
  CHURNED = 'CHURNED',
}

registerEnumType(LifecycleStage, {
  name: 'LifecycleStage',
  description: "Where the account is in its life with our company.",
  valuesMap: {
    PROSPECT: { description: 'Not a customer yet.' },
    ONBOARDING: { description: 'Just signed, being set up.' },
    ACTIVE: { description: 'A running customer.' },
    RENEWAL: { description: 'A contract renewal is coming up.' },
    AT_RISK: { description: 'Signals that the customer may leave.' },
    CHURNED: { description: 'No longer a customer.' },
  },
});

/** The one merged "our customer" record per customer organisation. */
@ObjectType({ description: 'The one merged "our customer" record of a customer organisation.' })
@Entity('account')
@Index('account_name_key_idx', ['nameKey', 'id'])
@Index('account_parent_name_idx', ['parentId', 'nameKey', 'id'])
@Index('account_name_key_trgm_idx', { synchronize: false })
@Index('account_domains_idx', { synchronize: false })
@Check('account_lifecycle_stage_check', `lifecycle_stage IN ('PROSPECT', 'ONBOARDING', 'ACTIVE', 'RENEWAL', 'AT_RISK', 'CHURNED')`)
export class Account {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'The name the hub shows for the customer.' })
  @Column({ type: 'text' })
  name: string;

  /** Lower-case, accent-free, single-spaced name: the search and sort key. */
  @Column({ name: 'name_key', type: 'text', collation: 'C' })
  nameKey: string;

  @Field(() => [String], { description: 'Web domains of the customer, e.g. "acme.com".' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains: string[];

  @Field(() => String, { nullable: true, description: 'Industry, free text.' })
  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Field(() => LifecycleStage, { description: 'Where the account is in its life with us.' })
  @Column({ name: 'lifecycle_stage', type: 'text', default: LifecycleStage.PROSPECT })
  lifecycleStage: LifecycleStage;

  /** The customer's company registry or tax id, when a division knows it. */
  @Column({ name: 'registry_id', type: 'text', nullable: true })
  registryId: string | null;

  /** Set when this account was merged into another: the survivor that now holds everything. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'account_merged_into_id_fkey' })
  mergedInto?: Account;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'account_parent_id_fkey' })
  parent?: Account;

  /** Who set or cleared the parent (a person's decision, which matching never changes); null when matching placed it. */
  @Field(() => String, { nullable: true, description: 'Who decided where this account sits in its group (set or cleared its parent); null when matching placed it, or nobody did. Matching never moves an account a person placed.' })
  @Column({ name: 'parent_set_by', type: 'text', nullable: true })
  parentSetBy: string | null;

  /** When a person set or cleared the parent; null when no person did. */
  @Field(() => Date, { nullable: true, description: 'When a person last set or cleared the parent; null when no person did.' })
  @Column({ name: 'parent_decided_at', type: 'timestamptz', nullable: true })
  parentDecidedAt: Date | null;

  /** When the parent was last set, by matching or by a person; null when not known (matching placed it before the hub kept the time). */
  @Column({ name: 'parent_placed_at', type: 'timestamptz', nullable: true })
  parentPlacedAt: Date | null;

  /** Why the account is where it is in its group: a person's reason, what matching said when it put a group's head on top, or the merge that moved it. */
  @Column({ name: 'parent_reason', type: 'text', nullable: true })
  parentReason: string | null;

  /**
   * Who made the merge that last moved the account in its group (its parent merged away, or it took the place of the
   * account merged into it): a person's label or "matching"; null when a person or matching placed it where it is.
   */
  @Column({ name: 'parent_moved_by', type: 'text', nullable: true })
  parentMovedBy: string | null;

  @Field({ description: 'When the account was created in the hub.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the account was last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

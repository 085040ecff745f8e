import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

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
export class Account {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'The name the hub shows for the customer.' })
  @Column({ type: 'text' })
  name: string;

  /** Lower-case, accent-free, single-spaced name: the search and sort key. */
  @Index('account_name_key_idx')
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

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Field({ description: 'When the account was created in the hub.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the account was last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Division } from '../divisions/division.entity';

export enum ColleagueRole {
  REP = 'REP',
  MANAGER = 'MANAGER',
  ADMIN = 'ADMIN',
}

registerEnumType(ColleagueRole, {
  name: 'ColleagueRole',
  description: 'What a colleague may do in the hub.',
  valuesMap: {
    REP: { description: 'A salesperson: reads the shared hub, records their own work.' },
    MANAGER: { description: 'Maps accounts and stakeholders for their division.' },
    ADMIN: { description: 'Manages divisions, colleagues, tokens, the catalogue, merges and splits.' },
  },
});

/** One of our people. A small reference table. */
@ObjectType({ description: 'One of our people: belongs to a division and has a role.' })
@Entity('colleague')
@Index('colleague_email_idx', ['email'], { unique: true })
@Check('colleague_role_check', `role IN ('REP', 'MANAGER', 'ADMIN')`)
export class Colleague {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Work email, unique, stored lower-case.' })
  @Column({ type: 'text' })
  email: string;

  @Field({ description: 'Full name.' })
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'division_id', type: 'uuid' })
  divisionId: string;

  @ManyToOne(() => Division, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_id', foreignKeyConstraintName: 'colleague_division_id_fkey' })
  division?: Division;

  @Field(() => ColleagueRole, { description: 'What the colleague may do.' })
  @Column({ type: 'text', default: ColleagueRole.REP })
  role: ColleagueRole;

  /** argon2id hash; null for colleagues who only sign in through single sign-on. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Field({ description: 'When the colleague was added.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

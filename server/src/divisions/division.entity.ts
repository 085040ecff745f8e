import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A selling unit of our company (Exhibits, Logistics, Digital, …). A small reference table. */
@ObjectType({ description: 'A selling unit of our company, such as Exhibits or Logistics.' })
@Entity('division')
export class Division {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Short key used by integrations, e.g. "exhibits".' })
  @Column({ type: 'text', unique: true })
  key: string;

  @Field({ description: 'Display name, e.g. "Exhibits".' })
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'When the division was created in the hub.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

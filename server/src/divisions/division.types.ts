import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length, Matches } from 'class-validator';
import { Division } from './division.entity';

@InputType({ description: 'A new division (admins only).' })
export class CreateDivisionInput {
  @Field({ description: 'Short key used by integrations: lower-case letters, digits and dashes, 2-40 characters.' })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'key must be 2-40 lower-case letters, digits or dashes, starting with a letter' })
  key: string;

  @Field({ description: 'Display name.' })
  @IsString()
  @Length(1, 100)
  name: string;
}

@ObjectType({ description: 'Result of createDivision.' })
export class CreateDivisionPayload {
  @Field(() => Division, { description: 'The new division.' })
  division: Division;
}

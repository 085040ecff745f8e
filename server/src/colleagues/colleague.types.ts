import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Colleague, ColleagueRole } from './colleague.entity';

@InputType({ description: 'A new colleague with a local password (admins only).' })
export class CreateColleagueInput {
  @Field({ description: 'Work email; must be unique.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @Field({ description: 'Full name.' })
  @IsString()
  @Length(1, 200)
  name: string;

  @Field({ description: 'Key of the division the colleague belongs to.' })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'division must be a division key (lower-case letters, digits and dashes)' })
  division: string;

  @Field(() => ColleagueRole, { description: 'What the colleague may do.' })
  @IsEnum(ColleagueRole)
  role: ColleagueRole;

  @Field({ description: 'Initial password, 12 to 200 characters.' })
  @IsString()
  @Length(12, 200, { message: 'password must be 12 to 200 characters long' })
  password: string;
}

@ObjectType({ description: 'Result of createColleague.' })
export class CreateColleaguePayload {
  @Field(() => Colleague, { description: 'The new colleague.' })
  colleague: Colleague;
}

import { Field, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/relay/connection';
import { Division } from '../divisions/division.entity';
import { Account } from './account.entity';

@ObjectType({ description: 'A connection of customer accounts.' })
export class AccountConnection extends Connection(Account, 'account') {}

@ObjectType({ description: 'How one division names the account in its own system.' })
export class DivisionName {
  @Field(() => Division, { description: 'The division.' })
  division: Division;

  @Field({ description: "The account's name in that division's system." })
  name: string;
}

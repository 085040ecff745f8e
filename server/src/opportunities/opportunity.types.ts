import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { DateTime } from '../common/date-time.scalar';

/** A sales opportunity as one division's system records it. */
@ObjectType({ description: "A sales opportunity as one division's system records it." })
export class Opportunity {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  accountId: string;
  divisionId: string;

  @Field({ description: "The opportunity's name in the division's system." })
  name: string;

  @Field({ description: "Sales stage, in the division's own words." })
  stage: string;

  @Field({ description: 'False once the stage is a closing one: it starts with closed, won, lost, cancelled, dead or abandoned (after a stage number such as "6 - "), or ends with won or lost ("Deal lost"); also Verloren, Gewonnen, Perdu, Gagné, Perdido, Ganado. "Qualification (not lost yet)" is open.' })
  isOpen: boolean;

  @Field(() => Float, { nullable: true, description: 'Amount, in `currency`.' })
  amount: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of the amount.' })
  currency: string | null;

  @Field(() => String, { nullable: true, description: 'Expected or actual close date (YYYY-MM-DD).' })
  closeDate: string | null;

  @Field(() => DateTime, { description: 'When the hub first recorded it.' })
  recordedAt: Date;
}

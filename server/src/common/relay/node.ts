import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** Relay's object identification: every object with an identity implements Node. */
@InterfaceType('Node', { description: 'An object with a stable, globally unique id.' })
export abstract class Node {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;
}

import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Relay page information of a connection.' })
export class PageInfo {
  @Field({ description: 'True when more items follow after endCursor.' })
  hasNextPage: boolean;

  @Field({ description: 'True when items come before startCursor (only known when paginating backwards).' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` to get the next page.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** Builds the `XConnection` and `XEdge` object types of a node type (Relay cursor spec); `whats` when not `what` + s. */
export function Connection<T>(nodeType: Type<T>, what: string, whats = `${what}s`): Type<ConnectionShape<T>> {
  @ObjectType(`${nodeType.name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node: T;
  }

  @ObjectType(`${nodeType.name}Connection`, { description: `A page of ${whats} (Relay connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: `The ${whats} of this page, in order.` })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page stands.' })
    pageInfo: PageInfo;

    @Field(() => Int, { nullable: true, description: 'How many items match in all, when cheap to know.' })
    totalCount?: number;
  }
  return ConnectionType;
}

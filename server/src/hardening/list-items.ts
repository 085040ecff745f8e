import { defaultFieldResolver, getNullableType, GraphQLError, GraphQLFieldResolver, GraphQLFormattedError, GraphQLSchema, isListType, isObjectType } from 'graphql';
import { LIMITS } from './limits';

/** List items resolved so far, per execution: the context of an HTTP request, or of one subscription event. */
const resolved = new WeakMap<object, number>();

/** The resolver each counting one wraps. */
const countedResolvers = new WeakMap<GraphQLFieldResolver<unknown, unknown>, GraphQLFieldResolver<unknown, unknown>>();

/** The resolver a field had before limitListItems wrapped it (itself when it was not wrapped). */
export function resolverInside<R extends GraphQLFieldResolver<unknown, unknown> | undefined>(resolve: R): R {
  return ((resolve && countedResolvers.get(resolve)) ?? resolve) as R;
}

/**
 * Field extensions (`@Extensions(UNCOUNTED_LIST)`) of a list that is a write's own report, which the limit leaves out:
 * refused, it would not undo the write, only hide from the caller what it did (IngestResult.resumed: every item that
 * waited for the batch's accounts, which no batch limit bounds). Only for lists of scalars and of objects that lead
 * nowhere else, so that no query can go round through them.
 */
export const UNCOUNTED_LIST = { countListItems: false } as const;

export function resultTooLarge(max: number): GraphQLError {
  return new GraphQLError(`The answer would hold more than ${max} list items: ask for smaller pages or fewer nested lists.`, {
    extensions: { code: 'RESULT_TOO_LARGE', maxListItems: max },
  });
}

/**
 * Wraps the resolver of every list field so that one execution's lists hold at most `max` items together; over it,
 * the list that crosses the limit and every list after it fail with RESULT_TOO_LARGE, without resolving.
 *
 * The cost limit (hardening.plugin.ts) multiplies paged lists by `first`, but a list without `first` (a division's
 * people at an account, a person's stints) is as long as the data makes it, which no estimate before execution
 * knows; a query that goes round through an account twice multiplies such lists by themselves (found by exploratory
 * testing: 1,500 people at one customer, one query of cost 10, 2.25 million people in 104 MB after 29 s). This counts
 * what is actually resolved. Changes the schema's field resolvers in place and returns it (GraphQL transformSchema).
 */
export function limitListItems(schema: GraphQLSchema, max: number = LIMITS.maxListItems): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || field.extensions?.countListItems === false) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const counted: GraphQLFieldResolver<unknown, unknown> = (source, args, context: unknown, info) => {
        // Every execution has a context object of its own (RequestContext; graphql-ws gives each event a fresh one).
        if (typeof context !== 'object' || context === null) return resolve(source, args, context, info);
        if ((resolved.get(context) ?? 0) > max) throw resultTooLarge(max);
        const count = (value: unknown) => {
          if (!Array.isArray(value)) return value;
          const total = (resolved.get(context) ?? 0) + value.length;
          resolved.set(context, total);
          if (total > max) throw resultTooLarge(max);
          return value;
        };
        const value = resolve(source, args, context, info);
        return value instanceof Promise ? value.then(count) : count(value);
      };
      countedResolvers.set(counted, resolve);
      field.resolve = counted;
    }
  }
  return schema;
}

/**
 * An answer over the limit, as one refusal: each list that failed would add an error of its own (hundreds, wherever a
 * nullable field stops them) to what was resolved before; the caller gets no data and the one error instead.
 */
export function refusedWhole<T extends { data?: unknown; errors?: readonly GraphQLFormattedError[] }>(result: T): T {
  const refusal = result.errors?.find((e) => e.extensions?.code === 'RESULT_TOO_LARGE');
  return refusal ? { ...result, data: null, errors: [refusal] } : result;
}

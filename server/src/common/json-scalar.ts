import { GraphQLError, GraphQLScalarType } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';

/** How deep a JSON value sent to the API may nest (lists and objects): critical-info values need two or three levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a value nests more than `max` lists and objects deep. Walked with a
 * stack of its own: each recursive walk over a value sent 5,000 levels deep
 * (the size check, the stored copy, the serialisation) overflowed the call
 * stack, which answered as an internal error.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function bounded(value: unknown): unknown {
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) throw new GraphQLError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep; the limit is ${MAX_JSON_DEPTH}`);
  return value;
}

/**
 * The JSON scalar (graphql-scalars' GraphQLJSON, same name and description),
 * refusing values that nest deeper than MAX_JSON_DEPTH where they enter: as
 * a variable or written in the query.
 */
export const JSONValue = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  parseValue: (value) => bounded(GraphQLJSON.parseValue(value)),
  parseLiteral: (ast, variables) => bounded(GraphQLJSON.parseLiteral(ast, variables)),
});

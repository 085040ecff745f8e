import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { DocumentNode, getOperationAST, getVariableValues, GraphQLError, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { LIMITS } from './limits';

/** A list field costs its page size times its children: `first` (default 20) multiplies. */
function listEstimator({ args, childComplexity }: ComplexityEstimatorArgs): number | void {
  if (typeof args.first === 'number') return 1 + Math.max(1, args.first) * childComplexity;
  return undefined;
}

/** Throws QUERY_TOO_COMPLEX when an operation costs more than LIMITS.maxCost (HTTP and graphql-ws alike). */
export function checkCost(schema: GraphQLSchema, query: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): void {
  // Variables that do not fit their types: the executor refuses the operation before anything runs,
  // as the caller's error (BAD_USER_INPUT, HTTP 400). Costing it first threw the same finding without
  // a code, which went out as an internal error (HTTP 500).
  const operation = getOperationAST(query, operationName);
  if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return;
  const cost = getComplexity({
    schema,
    query,
    operationName,
    variables,
    estimators: [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
  if (cost > LIMITS.maxCost) {
    // The status says whose fault it is: Apollo answers an error thrown from a plugin with HTTP 500 unless told.
    throw new GraphQLError(`The query costs ${cost}; at most ${LIMITS.maxCost} is allowed. Ask for smaller pages or fewer fields.`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: LIMITS.maxCost, http: { status: 400 } },
    });
  }
}

/**
 * Rejects operations that cost too much (query complexity with list
 * multipliers) before they execute. Depth and width: ShapeLimitsRule.
 */
export function hardeningPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx: GraphQLRequestContext<object>) {
          if (!ctx.operation || !ctx.document) return;
          checkCost(schema(), ctx.document, ctx.request.operationName ?? undefined, ctx.request.variables ?? {});
        },
      };
    },
  };
}

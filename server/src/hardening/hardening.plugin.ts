import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { LIMITS } from './limits';

/** A list field costs its page size times its children: `first` (default 20) multiplies. */
function listEstimator({ args, childComplexity }: ComplexityEstimatorArgs): number | void {
  if (typeof args.first === 'number') return 1 + Math.max(1, args.first) * childComplexity;
  return undefined;
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
          const cost = getComplexity({
            schema: schema(),
            query: ctx.document,
            operationName: ctx.request.operationName ?? undefined,
            variables: ctx.request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > LIMITS.maxCost) {
            throw new GraphQLError(`The query costs ${cost}; at most ${LIMITS.maxCost} is allowed. Ask for smaller pages or fewer fields.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: LIMITS.maxCost },
            });
          }
        },
      };
    },
  };
}

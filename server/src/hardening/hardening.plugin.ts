import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { DocumentNode, getOperationAST, getVariableValues, GraphQLError, GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../common/relay/cursor';
import { LIMITS } from './limits';
import { refusedWhole } from './list-items';

/**
 * A list field costs its page size times its children: `first` multiplies, and when it is left out the
 * page it defaults to does (costed as 1, a query without any `first` ran nested pages the limit refuses).
 */
function listEstimator({ args, field, childComplexity }: ComplexityEstimatorArgs): number | void {
  if (typeof args.first === 'number') return 1 + Math.max(1, args.first) * childComplexity;
  if (field.args.some((a) => a.name === 'first')) return 1 + DEFAULT_PAGE_SIZE * childComplexity;
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
 * multipliers) before they execute, and answers one that resolved too many
 * list items (list-items.ts) with that refusal alone. Depth and width: ShapeLimitsRule.
 */
export function hardeningPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx: GraphQLRequestContext<object>) {
          if (!ctx.operation || !ctx.document) return;
          // Subscriptions are served by graphql-ws, which never comes through here: over HTTP one ran its
          // resolvers outside the auth guard and answered an internal error.
          if (ctx.operation.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over the websocket at /graphql (the graphql-ws protocol), not over HTTP.', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          checkCost(schema(), ctx.document, ctx.request.operationName ?? undefined, ctx.request.variables ?? {});
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') response.body.singleResult = refusedWhole(response.body.singleResult);
        },
      };
    },
  };
}

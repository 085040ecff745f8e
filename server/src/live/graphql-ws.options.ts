import type { IncomingMessage } from 'node:http';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { DocumentNode, ExecutionArgs, getOperationAST, getVariableValues, GraphQLError, GraphQLFormattedError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import type { Context, ServerOptions, SubscribePayload } from 'graphql-ws';
import { AuthService } from '../auth/auth.service';
import { LoadersFactory } from '../common/loaders';
import { RequestContext } from '../common/request-context';
import { AppConfig } from '../config/config';
import { formatError } from '../hardening/format-error';
import { checkCost } from '../hardening/hardening.plugin';
import { LIMITS, ShapeLimitsRule } from '../hardening/limits';
import { refusedWhole } from '../hardening/list-items';
import { RateLimiter } from '../hardening/rate-limit';
import { perEventSubscribe } from './per-event-subscribe';
import { ClosableSocket, WsConnection } from './ws-connection';
import { wsCredentials } from './ws-credentials';

/** Active subscriptions one socket may hold: each costs a queue and a LISTEN fan-out entry. */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 50;

export interface GraphqlWsDeps {
  config: AppConfig;
  auth: AuthService;
  loaders: LoadersFactory;
  /** The same limiter as HTTP requests: a subscribe counts like a request. */
  limiter: RateLimiter;
  schema: () => GraphQLSchema;
}

/** What graphql-ws's `ws` adapter puts in ctx.extra. */
interface WsExtra {
  request: IncomingMessage;
  socket: ClosableSocket;
}

/** graphql-ws options Nest declares, plus the ones it passes through to graphql-ws unchanged. */
type WsOptions = GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'subscribe' | 'onError'>;

function fail(message: string, code = 'BAD_REQUEST'): GraphQLError[] {
  return [new GraphQLError(message, { extensions: { code } })];
}

/**
 * graphql-ws on /graphql (the graphql-transport-ws protocol; close codes are
 * graphql-ws's own). Authentication happens on connection_init: a connection
 * that names nobody is closed with 4403. Every subscribe passes the checks an
 * HTTP request passes (validation with the shape limits, cost, rate limit)
 * and the AuthGuard; only subscriptions run here — queries and mutations use
 * HTTP, where sign-in cookies, CSRF prevention and the body limit live.
 */
export function graphqlWsOptions(deps: GraphqlWsDeps): WsOptions {
  const connections = new WeakMap<Context, WsConnection>();
  const eventContexts = new WeakMap<object, () => Promise<RequestContext>>();
  const format = formatError(deps.config.production);
  // As over HTTP, minus `extensions.http` (a status for Apollo's HTTP response; meaningless on a socket).
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => {
    const { http: _http, ...extensions } = e.extensions;
    return format({ ...e.toJSON(), extensions }, e);
  });

  const options: WsOptions = {
    connectionInitWaitTimeout: deps.config.wsInitTimeoutMs,
    onConnect: async (ctx) => {
      const extra = ctx.extra as WsExtra;
      const credentials = wsCredentials(extra.request, ctx.connectionParams, deps.config);
      const connection = await WsConnection.open(credentials, deps.auth, deps.loaders, extra.socket);
      if (connection) connections.set(ctx, connection);
      return connection !== null;
    },
    onSubscribe: async (ctx, _id, payload) => {
      const connection = connections.get(ctx);
      if (!connection) return fail('Sign in first.', 'UNAUTHENTICATED');
      if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
        return fail(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection: complete some first.`, 'TOO_MANY_SUBSCRIPTIONS');
      }
      try {
        const args = prepare(deps.schema(), payload);
        if (Array.isArray(args)) return args;
        const contextValue = await connection.context();
        deps.limiter.check(contextValue.principal, connection.ip);
        eventContexts.set(contextValue, () => connection.context());
        return { ...args, contextValue };
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
    },
    subscribe: perEventSubscribe((contextValue) => (typeof contextValue === 'object' && contextValue ? eventContexts.get(contextValue) : undefined)),
    onNext: (_ctx, _id, _payload, _args, result) => refusedWhole({ ...result, errors: result.errors ? formatAll(result.errors) : undefined }),
    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
  };
  return options;
}

/** Parses and validates like the HTTP endpoint does (errors carry the same codes); refuses anything but a subscription. */
function prepare(schema: GraphQLSchema, payload: SubscribePayload): Omit<ExecutionArgs, 'contextValue'> | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
    throw error;
  }
  const errors = validate(schema, document, [...specifiedRules, ShapeLimitsRule]);
  if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) return fail('Name the operation to run (operationName).', 'OPERATION_RESOLUTION_FAILURE');
  if (operation.operation !== 'subscription') {
    return fail(`Only subscriptions run over the websocket: send ${operation.operation === 'query' ? 'queries' : 'mutations'} as HTTP POST /graphql.`);
  }
  const variableValues = payload.variables ?? {};
  // Variables that do not fit their types are the caller's error, as over HTTP (not an internal one).
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues);
  if (coerced.errors) return coerced.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
  checkCost(schema, document, operationName, variableValues);
  return { schema, document, operationName, variableValues };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code: error.extensions.code ?? code } });
}

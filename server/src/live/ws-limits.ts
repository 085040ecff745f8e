import { GraphQLModule } from '@nestjs/graphql';
import type { INestApplication } from '@nestjs/common';

/**
 * The largest websocket message the hub accepts. A subscription document is a
 * few kilobytes; ws's default (100 MiB) would let anyone, before signing in,
 * make the server buffer a huge frame. Over the limit, ws closes with 1009.
 */
export const WS_MAX_MESSAGE_BYTES = 64 * 1024;

interface WithSubscriptions {
  _subscriptionService?: { wss?: { options: { maxPayload?: number } } };
}

/**
 * @nestjs/graphql builds its WebSocketServer without a message limit and
 * offers no option for one; ws reads `options.maxPayload` at every upgrade,
 * so setting it once the driver has started caps every connection. Fails
 * loudly if a library update moves the server, rather than running unlimited.
 */
export function limitWebSocketMessages(app: INestApplication, bytes = WS_MAX_MESSAGE_BYTES): void {
  const driver = app.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as WithSubscriptions;
  const wss = driver._subscriptionService?.wss;
  if (!wss) throw new Error('graphql-ws server not found: cannot cap websocket message size (check @nestjs/graphql GqlSubscriptionService)');
  wss.options.maxPayload = bytes;
}

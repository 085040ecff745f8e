import type { FormattedExecutionResult } from 'graphql';
import { Client as WsClient, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LiveChannel, LiveEvents } from '../../server/src/live/live-events';
import { newColleague } from './colleagues';
import { Client, TestServer } from './server';

export function wsUrl(hub: TestServer): string {
  return `${hub.url.replace(/^http/, 'ws')}/graphql`;
}

/** Creates a colleague through the admin API and signs them in; returns their id and session cookie. */
export async function colleague(hub: TestServer, email: string, division: string, role: 'REP' | 'MANAGER' | 'ADMIN' = 'REP'): Promise<{ id: string; cookie: string; http: Client }> {
  const { id, cookie, client } = await newColleague(hub, { email, division, role });
  return { id, cookie, http: client };
}

/** A graphql-ws client as a browser would be (session cookie on the upgrade) or an API client (bearer in connectionParams). */
export function liveClient(url: string, auth: { cookie?: string; bearer?: string; origin?: string } = {}): WsClient {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.origin) headers.origin = auth.origin;
  class WithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url,
    webSocketImpl: WithHeaders,
    connectionParams: auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : undefined,
    retryAttempts: 0,
    lazy: true,
  });
}

/** One subscription's results, pulled one at a time; `ended` settles when the server completes or fails it. */
export interface Feed<T> {
  next(timeoutMs?: number): Promise<FormattedExecutionResult<T, unknown>>;
  /** Resolves with nothing when completed, with the error (GraphQL errors, a CloseEvent…) when it failed. */
  ended: Promise<unknown>;
  /** Nothing arrives within `ms`. */
  quiet(ms: number): Promise<void>;
  stop(): void;
}

export function subscribe<T>(client: WsClient, query: string, variables?: Record<string, unknown>): Feed<T> {
  const results: FormattedExecutionResult<T, unknown>[] = [];
  const waiters: ((result: FormattedExecutionResult<T, unknown>) => void)[] = [];
  let end: (reason: unknown) => void = () => undefined;
  const ended = new Promise<unknown>((resolve) => (end = resolve));
  const stop = client.subscribe<T>({ query, variables }, {
    next: (result) => (waiters.length ? waiters.shift()!(result) : results.push(result)),
    error: (error) => end(error),
    complete: () => end(undefined),
  });
  return {
    ended,
    stop,
    next(timeoutMs = 10_000) {
      if (results.length) return Promise.resolve(results.shift()!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no live update within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((result) => {
          clearTimeout(timer);
          resolve(result);
        });
      });
    },
    async quiet(ms) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (results.length) throw new Error(`unexpected live update: ${JSON.stringify(results[0])}`);
    },
  };
}

/** Waits until `check` holds (polling), so a test acts only once the server is ready for it. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A subscription reaches the server asynchronously: wait until this instance follows the key before causing events. */
export function subscribed(hub: TestServer, channel: LiveChannel, key: string, count = 1): Promise<void> {
  const live = hub.server.app.get(LiveEvents);
  return until(() => live.subscribers(channel, key) >= count, `${count} subscriber(s) of ${channel} ${key}`);
}

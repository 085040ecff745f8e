/**
 * The real hub for a bench: `startServer` on a given database, in this
 * process, with a random admin token, no demo data and the rate limit out of
 * the way (OURCUSTOMER_RATE_LIMIT at its maximum), configured for production.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../server/src/config/config';
import { freePort } from '../../server/src/database/embedded';
import { RunningServer, startServer } from '../../server/src/server';

export interface BenchServer {
  server: RunningServer;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The admin bearer token (OURCUSTOMER_ADMIN_TOKEN). */
  token: string;
  port: number;
  /** Server start and migrations. */
  startSeconds: number;
}

export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const token = randomBytes(24).toString('base64url');
  const port = await freePort();
  const config = loadConfig({
    // As deployed (the Dockerfile's NODE_ENV): quiet logs, masked internal errors. graphql-js reads
    // process.env.NODE_ENV itself when loaded: outside production it adds checks that cost a timeline
    // page about a third of its CPU, so the npm bench scripts set it too.
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    OURCUSTOMER_ADMIN_TOKEN: token,
    OURCUSTOMER_DEMO: '0',
    OURCUSTOMER_RATE_LIMIT: '1000000',
    ...env,
  });
  const t0 = performance.now();
  const server = await startServer(config, () => undefined);
  return { server, url: `http://127.0.0.1:${port}`, token, port, startSeconds: (performance.now() - t0) / 1000 };
}

/**
 * Stops everything once, on SIGINT/SIGTERM or at the end, whichever comes
 * first: `stop` is given the cleanup, `interrupted()` tells whether a signal
 * came; `dispose()` removes the signal handlers.
 */
export function stopOnSignal(cleanup: () => Promise<void>) {
  let interrupted = false;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= cleanup());
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`\n${signal}: stopping the server and PostgreSQL`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    stop,
    interrupted: () => interrupted,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

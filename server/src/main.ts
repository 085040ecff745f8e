import { processShutdown } from './common/shutdown';
import { ConfigError, loadConfig } from './config/config';
import { DatabaseUnavailableError } from './database/database';
import { PortInUseError, RunningServer, startServer } from './server';

const log = (line: string) => console.log(`[ourcustomer] ${line}`);

/** Known start-up failures end with one clear line and a non-zero exit, never a stack trace. */
function fail(error: unknown): never {
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof PortInUseError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[ourcustomer] cannot start: ${known ? message : message.split('\n')[0]}`);
  if (!known && process.env.OURCUSTOMER_DEBUG) console.error(error);
  process.exit(1);
}

async function main(): Promise<void> {
  const running: { server?: RunningServer } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // First, before anything closes: a Ctrl-C stops the embedded PostgreSQL at the same moment (shutdown.ts).
    processShutdown.abort();
    log(`${signal} received, shutting down`);
    try {
      await running.server?.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const config = loadConfig();
  if (config.adminToken) log('OURCUSTOMER_ADMIN_TOKEN is set: the admin bearer token is enabled');
  const server = (running.server = await startServer(config, log));
  log(`Serving ${server.url} (GraphQL at ${server.url}/graphql, health at ${server.url}/health)`);
}

main().catch(fail);

/**
 * The HTTP floor of the read benches, in a process of its own (so its CPU and
 * memory are its own, not the load generator's): a bare Node http handler
 * serving floor.ts's answers as JSON. Started by processes.ts with `fork`, it
 * tells its parent where it listens over IPC and stops on "stop" (or when the
 * parent goes away). The hub runs compiled, as deployed (compiled-hub.ts).
 *
 *   serve.ts floor <databaseUrl>
 */
import { SESSION_OPTIONS } from '../../server/src/database/data-source';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { floorAnswer, FloorRequest } from './floor';

/** The same pool size as the hub's default (OURCUSTOMER_DB_POOL). */
const POOL = 10;

function send(message: Record<string, unknown>): void {
  process.send?.(message);
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** POST /<kind> with the floor parameters as JSON; answers `{"data": …}` like a GraphQL server. */
function floorServer(pool: Pool): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const kind = (req.url ?? '').slice(1) as FloorRequest['kind'];
        const params = JSON.parse(await body(req));
        const data = await floorAnswer(pool, { kind, params } as FloorRequest);
        const text = JSON.stringify({ data });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      } catch (error) {
        const text = JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] });
        res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }
    })();
  });
}

async function main(): Promise<void> {
  const [mode, databaseUrl] = process.argv.slice(2);
  let stop: () => Promise<void>;
  if (mode === 'floor') {
    const pool = new Pool({ connectionString: databaseUrl, max: POOL, application_name: 'bench-floor', options: SESSION_OPTIONS });
    const server = floorServer(pool);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stop = async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    };
    send({ ready: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  } else {
    throw new Error(`usage: serve.ts floor <databaseUrl>`);
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on('message', (message: unknown) => {
    if (message === 'stop') shutdown();
    else if (message === 'rss') send({ rss: process.memoryUsage().rss });
  });
  process.on('disconnect', shutdown);
}

main().catch((error: unknown) => {
  send({ ready: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});

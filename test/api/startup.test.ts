import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/src/database/embedded';

const ROOT = join(__dirname, '../..');
const ADMIN_TOKEN = 'startup-admin-token-0123456789abcdef';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts the real server process (`server/src/main.ts`) with a clean environment plus `env`. `group`: in a process
 * group of its own, as a terminal starts it, so that a signal to the group reaches its embedded PostgreSQL too (Ctrl-C).
 */
function run(env: Record<string, string>, group = false): Run {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'test', SWC_NODE_PROJECT: join(ROOT, 'server/tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim());
}

describe('starting the server', () => {
  it('stops on an invalid PORT with one clear line', async () => {
    const r = run({ PORT: 'eighty' });
    expect(await r.exited).not.toBe(0);
    expect(lines(r.output())).toEqual(['[ourcustomer] cannot start: PORT: expected an integer from 1 to 65535, got "eighty"']);
  });

  it('stops on an unreachable DATABASE_URL with one clear line', async () => {
    const port = await freePort();
    const r = run({ DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/nothing` });
    expect(await r.exited).not.toBe(0);
    const out = lines(r.output());
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\[ourcustomer\] cannot start: DATABASE_URL: cannot reach the database \(.*ECONNREFUSED.*\)$/);
  });

  describe('with the embedded database', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ourcustomer-start-'));
    let blocker: Server;
    afterAll(() => {
      blocker?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** `ctrlC`: the signal goes to the server's process group, PostgreSQL included, as a terminal's Ctrl-C sends it. */
    async function startAndStop(port: number, signal: NodeJS.Signals, ctrlC = false): Promise<string> {
      const r = run({ PORT: String(port), OURCUSTOMER_DATA_DIR: dataDir, OURCUSTOMER_ADMIN_TOKEN: ADMIN_TOKEN }, ctrlC);
      await waitFor(() => r.output().includes('Serving http://localhost:'), 60000);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
      const body = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query: '{ accounts(first: 5) { edges { node { name } } } }' }),
      });
      const json = (await body.json()) as { data: { accounts: { edges: unknown[] } } };
      expect(json.data.accounts.edges).toHaveLength(5);
      if (ctrlC) process.kill(-r.child.pid!, signal);
      else r.child.kill(signal);
      expect(await r.exited).toBe(0);
      return r.output();
    }

    function postgresProcessesOf(dir: string): Promise<string> {
      return new Promise((resolve) => {
        const ps = spawn('ps', ['-eo', 'args']);
        let out = '';
        ps.stdout.on('data', (c) => (out += c));
        ps.on('exit', () => resolve(out.split('\n').filter((l) => l.includes(dir)).join('\n')));
      });
    }

    it('creates the cluster, loads demo data, and stops everything on SIGINT', async () => {
      const out = await startAndStop(await freePort(), 'SIGINT');
      expect(out).toContain('Creating the embedded PostgreSQL cluster');
      expect(out).toContain('Loaded demo data: 5 divisions');
      expect(out).toContain('Demo colleagues sign in with the password "ourcustomer-demo"');
      expect(out).toContain('OURCUSTOMER_ADMIN_TOKEN is set: the admin bearer token is enabled');
      expect(out).not.toContain(ADMIN_TOKEN);
      expect(await postgresProcessesOf(dataDir)).toBe('');
    }, 120000);

    it('reuses the data on the next start (no new cluster, no second demo load) and stops on SIGTERM', async () => {
      const out = await startAndStop(await freePort(), 'SIGTERM');
      expect(out).not.toContain('Creating the embedded PostgreSQL cluster');
      expect(out).not.toContain('Loaded demo data');
      expect(await postgresProcessesOf(dataDir)).toBe('');
    }, 120000);

    // Found by exploratory testing: Ctrl-C stopped PostgreSQL with the server, and the server's LISTEN connections,
    // cut before the server told them it was stopping, warned that they were lost and would reconnect.
    it('stops quietly on Ctrl-C, which stops its PostgreSQL at the same moment: no LISTEN connection warns of a loss', async () => {
      const out = await startAndStop(await freePort(), 'SIGINT', true);
      expect(out).toContain('SIGINT received, shutting down');
      expect(out).not.toMatch(/LISTEN connection lost|reconnecting/);
      expect(await postgresProcessesOf(dataDir)).toBe('');
    }, 120000);

    it('stops on a port already taken with one clear line, leaving no database running', async () => {
      const port = await freePort();
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(port, resolve));
      const r = run({ PORT: String(port), OURCUSTOMER_DATA_DIR: dataDir });
      expect(await r.exited).not.toBe(0);
      const errors = lines(r.output()).filter((l) => l.includes('cannot start'));
      expect(errors).toEqual([`[ourcustomer] cannot start: PORT: port ${port} is already in use; stop the other process or set PORT to a free port`]);
      expect(lines(r.output()).every((l) => l.startsWith('[ourcustomer]'))).toBe(true);
      expect(await postgresProcessesOf(dataDir)).toBe('');
    }, 120000);
  });
});

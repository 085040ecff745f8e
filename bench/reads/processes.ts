/** Starting serve.ts in a child process, and reading its memory. */
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../common/environment';
import { HubCompiler, startCompiledHub } from './compiled-hub';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident set size now, MiB (from /proc, else asked over IPC). */
  rssMiB(): Promise<number | null>;
  /** Peak resident set size since start, MiB (Linux only: VmHWM). */
  peakRssMiB(): number | null;
  /** CPU time used since start (user + system), seconds (Linux only). */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return null;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
}

let ticksPerSecond: number | undefined;

/** User + system CPU seconds of a process, from /proc/<pid>/stat (fields 14 and 15, in clock ticks). */
export function procCpuSeconds(pid: number): number | null {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * CPU seconds of a PostgreSQL cluster: its postmaster (pid from the data
 * folder's postmaster.pid) and every process it started (backends, workers),
 * read from /proc; null when not on Linux or the folder has no running server.
 */
export function clusterCpuSeconds(clusterDir: string): number | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile) || !existsSync('/proc')) return null;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let total = procCpuSeconds(postmaster);
  if (total === null) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += procCpuSeconds(Number(entry)) ?? 0;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/**
 * Starts a server of the read benches in a process of its own and waits until
 * it answers: the hub as deployed (compiled-hub.ts), or serve.ts's HTTP floor
 * (TypeScript through @swc-node/register, as the npm scripts run it). `ready`
 * carries the url and, for the hub, its admin token and start-up time.
 */
export async function startServerProcess(
  mode: 'hub' | 'floor', databaseUrl: string, log: (line: string) => void = () => undefined, compiler: HubCompiler = 'tsc',
): Promise<ServerProcess & { ready: Record<string, unknown> }> {
  if (mode === 'hub') {
    const hub = await startCompiledHub(databaseUrl, log, compiler);
    const stop = async (child: ChildProcess) => child.kill('SIGTERM');
    return handle(hub.child, { ready: true, url: hub.url, token: hub.token, startSeconds: hub.startSeconds }, stop);
  }
  return startFloorProcess(databaseUrl);
}

async function startFloorProcess(databaseUrl: string, timeoutMs = 120_000): Promise<ServerProcess & { ready: Record<string, unknown> }> {
  const mode = 'floor';
  const child: ChildProcess = fork(join(__dirname, 'serve.ts'), [mode, databaseUrl], {
    cwd: REPO_ROOT,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'server/tsconfig.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${mode} server exited with code ${code} before it was ready`));
    });
    child.on('message', (message: Record<string, unknown>) => {
      if (!('ready' in message)) return;
      clearTimeout(timer);
      if (message.ready) resolve(message);
      else reject(new Error(`${mode} server failed to start: ${String(message.error)}`));
    });
  }).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  return handle(child, ready, async (c) => c.send('stop'));
}

/** Memory, CPU and stopping of a started server process. */
function handle(child: ChildProcess, ready: Record<string, unknown>, askToStop: (child: ChildProcess) => Promise<unknown>): ServerProcess & { ready: Record<string, unknown> } {
  const pid = child.pid!;
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    ready,
    url: String(ready.url),
    pid,
    async rssMiB() {
      const fromProc = procStatus(pid, 'VmRSS');
      if (fromProc !== null || exited) return fromProc;
      return new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 2000);
        const onMessage = (message: Record<string, unknown>) => {
          if (typeof message.rss !== 'number') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(Math.round((message.rss / 2 ** 20) * 10) / 10);
        };
        child.on('message', onMessage);
        if (child.connected) child.send('rss');
      });
    },
    peakRssMiB: () => procStatus(pid, 'VmHWM'),
    cpuSeconds: () => procCpuSeconds(pid),
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await askToStop(child);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}

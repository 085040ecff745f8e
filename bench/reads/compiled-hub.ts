/**
 * The hub as deployed, for the read benches: the server compiled with its
 * build settings (server/tsconfig.build.json, as `npm run build -w server`)
 * into server/.bench-build — inside server/ so that its packages resolve as
 * they do for server/dist — and started as `node main.js`, configured through
 * its environment (NODE_ENV=production, as the Dockerfile does). Memory and CPU
 * are then those of the deployed server, not of TypeScript compiled on the fly.
 * The build is kept and made again only when server/src or its tsconfig change.
 *
 * tsc compiles it as `npm run build` does (the default and large profiles: their figures are of the deployed
 * code). The tiny profile, which `npm test` runs for the bench code and the shape of its result (never a time),
 * has SWC emit the same files into server/.bench-build-swc instead: well under a second where tsc took 13 s
 * of CPU and 20–30 s of the spec's wall time on a busy 2-core machine (the type check is CI's own step).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { freePort } from '../../server/src/database/embedded';
import { REPO_ROOT } from '../common/environment';

const SERVER = join(REPO_ROOT, 'server');
const BUILD_CONFIG = join(SERVER, 'tsconfig.build.json');

/** Who compiles the hub: tsc, as deployed, or SWC (the same files, transpiled only: see above). */
export type HubCompiler = 'tsc' | 'swc';

/** Where each compiler's build is kept: apart, so that a test run never replaces the tsc build a measuring run reuses. */
export const BUILD_DIRS: Record<HubCompiler, string> = { tsc: join(SERVER, '.bench-build'), swc: join(SERVER, '.bench-build-swc') };
export const BUILD_DIR = BUILD_DIRS.tsc;

/** The node flags the Dockerfile and `npm start` run the server with. */
export const HUB_NODE_FLAGS = ['--max-semi-space-size=32'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A hash of what the build is made from: every file under server/src and the tsconfig files. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(join(SERVER, 'src')).sort(), join(SERVER, 'tsconfig.json'), BUILD_CONFIG]) {
    hash.update(relative(SERVER, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** tsc -p server/tsconfig.build.json --outDir `outDir`, in a child process. */
function compileWithTsc(outDir: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', BUILD_CONFIG, '--outDir', outDir], {
      cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'],
    });
    // A bench that exits before the build ends (an error while the data set is made, a signal) stops tsc with it:
    // left running with no parent it kept writing into a build folder the next run makes again (found in review).
    const stop = () => child.kill();
    process.once('exit', stop);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('exit', stop);
      if (code !== 0) return reject(new Error(`tsc -p server/tsconfig.build.json exited with ${signal ?? code}`));
      resolve();
    });
  });
}

/**
 * The files tsc would emit, transpiled by SWC into `outDir` at the same paths: the build config's own file list
 * (its include and exclude, read by TypeScript) and the settings the tests run the server with (jest.swc.js:
 * legacy decorators with their metadata, as NestJS and TypeORM need; ES2022; CommonJS; class names kept).
 */
async function compileWithSwc(outDir: string): Promise<void> {
  // Loaded here: the tsc build and the modules that only read HUB_NODE_FLAGS need neither.
  const [ts, { transformFile }] = await Promise.all([import('typescript'), import('@swc/core')]);
  const parsed = ts.getParsedCommandLineOfConfigFile(BUILD_CONFIG, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`server/tsconfig.build.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (!parsed) throw new Error('server/tsconfig.build.json could not be read');
  const rootDir = parsed.options.rootDir ?? join(SERVER, 'src');
  await Promise.all(parsed.fileNames.map(async (file) => {
    const { code } = await transformFile(file, {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    });
    const out = join(outDir, relative(rootDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }));
}

const building = new Map<HubCompiler, { hash: string; main: Promise<string> }>();

/**
 * Compiles the server unless the kept build is of the same sources; resolves with the path of its main.js.
 * tsc runs in a child process, so the bench starts it early (runReads: while the data set is made) and
 * awaits it when it starts the hub; a second call for the same sources shares the first one's build.
 */
export function buildHub(log: (line: string) => void, compiler: HubCompiler = 'tsc'): Promise<string> {
  const dir = BUILD_DIRS[compiler];
  const main = join(dir, 'main.js');
  const stamp = join(dir, '.source-hash');
  const hash = sourceHash();
  const current = building.get(compiler);
  if (current?.hash === hash) return current.main;
  if (existsSync(main) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return Promise.resolve(main);
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const compiled = (compiler === 'tsc' ? compileWithTsc(dir) : compileWithSwc(dir)).then(() => {
    writeFileSync(stamp, hash);
    const how = compiler === 'tsc' ? 'tsc, server/tsconfig.build.json' : 'SWC, the files of server/tsconfig.build.json';
    log(`Hub: compiled server/src into ${relative(REPO_ROOT, dir)} in ${((performance.now() - t0) / 1000).toFixed(compiler === 'tsc' ? 0 : 1)} s (${how})`);
    return main;
  });
  building.set(compiler, { hash, main: compiled });
  // A failed build is kept too: tsc fails the same way on the same sources, and the call that awaits the early build
  // when the hub starts ran it a second time (found in review). Changed sources (another hash) build anew.
  // Whoever awaits it gets the error; nobody awaiting it is no unhandled rejection (that would end the bench).
  compiled.catch(() => undefined);
  return compiled;
}

export interface CompiledHub {
  child: ChildProcess;
  url: string;
  /** The admin bearer token it was given (OURCUSTOMER_ADMIN_TOKEN). */
  token: string;
  /** From spawn to its first answer on /health. */
  startSeconds: number;
}

/**
 * Starts the compiled hub on a database: production settings, no demo data,
 * the rate limit out of the way (the load test is one client), no silence
 * sweep during a measurement. Resolves once /health answers.
 */
export async function startCompiledHub(databaseUrl: string, log: (line: string) => void, compiler: HubCompiler = 'tsc', timeoutMs = 120_000): Promise<CompiledHub> {
  const main = await buildHub(log, compiler);
  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  const t0 = performance.now();
  // As deployed: the Dockerfile's and `npm start`'s node flags.
  const child = spawn(process.execPath, [...HUB_NODE_FLAGS, main], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: databaseUrl,
      OURCUSTOMER_ADMIN_TOKEN: token, OURCUSTOMER_DEMO: '0', OURCUSTOMER_RATE_LIMIT: '1000000', OURCUSTOMER_NOTICE_SWEEP_MINUTES: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = `exited (${signal ?? code}) before it answered`));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exit) throw new Error(`the compiled hub ${exit}`);
    if (performance.now() - t0 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the compiled hub did not answer on ${url}/health within ${timeoutMs / 1000} s`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url, token, startSeconds: (performance.now() - t0) / 1000 };
}

/**
 * `npm run bench [-- --profile default|large|tiny]` — the benchmark suite:
 *
 *   reads   a synthetic company loaded straight into PostgreSQL (made once
 *           per profile and kept: bench/.data, or a database on
 *           $DATABASE_URL's server), the real server and two floors (the same
 *           answers by hand-written SQL over raw pg, and that SQL served by a
 *           bare Node http handler), search, timeline and engagement
 *           scenarios, then a load test (50 and 200 connections);
 *   ingest  bench/ingest/run.ts at its default size, in its own process.
 *
 * Writes bench/results/bench-<profile>-<date>.json, .md and -plans.md.
 *
 * Options: --profile NAME (default), --fresh (make the data set again),
 * --skip-ingest, --only id,id (read scenarios), --out-dir DIR.
 * `npm run bench:ingest` and `npm run bench:matching` still run on their own.
 */
import { runMain } from './common/environment';
import { runBench } from './bench';
import { profileNamed } from './reads/profiles';

const USAGE = 'options: --profile tiny|default|large (default: default), --fresh, --skip-ingest, --only <scenario,…>, --out-dir <dir>';

function parseArgs(argv: string[]) {
  const args = { profile: 'default', fresh: false, skipIngest: false, only: undefined as string[] | undefined, outDir: undefined as string | undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!next) throw new Error(`${arg} needs a value (${USAGE})`);
      return next;
    };
    if (arg === '--fresh') args.fresh = true;
    else if (arg === '--skip-ingest') args.skipIngest = true;
    else if (arg.startsWith('--profile')) args.profile = value();
    else if (arg.startsWith('--only')) args.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg.startsWith('--out-dir')) args.outDir = value();
    else if (arg === '-h' || arg === '--help') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg} (${USAGE})`);
  }
  return args;
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  await runBench({ profile: profileNamed(args.profile), fresh: args.fresh, skipIngest: args.skipIngest, only: args.only, outDir: args.outDir });
  return 0;
});

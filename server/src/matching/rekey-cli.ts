import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { exitWhenFlushed } from '../common/exit';
import { loadConfig } from '../config/config';
import { openDatabase } from '../database/database';
import { dataSourceOptions, runMigrations } from '../database/data-source';
import { accountsOfTwoCourts, RekeyCount, rekeyRecords } from './rekey';

const USAGE = `Usage: npm run rekey [-- --batch-size <n>]

Computes the matching features and blocking keys of every stored account and
contact record again from what its system sent, with the current rules (after
an upgrade that changed how names are normalised or keyed). Links stay as they
are. Safe beside running ingests, and to stop (Ctrl-C) and run again. Then
lists the accounts whose records give one register number at two courts (two
companies linked before rules fs-14), for a person to split.

Options:
  --batch-size <n>   records per transaction (default 1000)
  -h, --help         this text`;

/** Bad options: exit code 2, as the import command does. */
class UsageError extends Error {}

const isParseArgsError = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS');

const line = (kind: string, c: RekeyCount) => `${kind}: ${c.records} records, ${c.features} with new features, ${c.keys} with new keys`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const batchSize = values['batch-size'] === undefined ? 1000 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError(`--batch-size must be a whole number from 1 to 10000, got "${values['batch-size']}"`);
  const database = await openDatabase(loadConfig(), (text) => console.error(text));
  try {
    await runMigrations(database.url);
    const ds = await new DataSource({ ...dataSourceOptions(database.url, 1), logging: false }).initialize();
    try {
      let shown = '';
      // One progress line per kind, rewritten in place.
      const progress = (kind: string, done: number) => {
        process.stderr.write(`${shown && shown !== kind ? '\n' : '\r'}${kind}: ${done} records`);
        shown = kind;
      };
      const summary = await rekeyRecords(ds, { batchSize, progress });
      if (shown) process.stderr.write('\n');
      console.log(line('accounts', summary.accounts));
      console.log(line('contacts', summary.contacts));
      // Rules before fs-14 dropped a register number's court and may have linked two companies on it: links stay, so
      // say which accounts a person should split.
      const twoCourts = await accountsOfTwoCourts(ds);
      if (twoCourts.length > 0) {
        console.log(`${twoCourts.length} account(s) hold records giving one register number at two courts (two companies, linked before rules fs-14); split them:`);
        for (const a of twoCourts) console.log(`  ${a.accountId} "${a.name}": ${a.registryIds.join('; ')}`);
      }
      return 0;
    } finally {
      await ds.destroy();
    }
  } finally {
    await database.close();
  }
}


main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  console.error(`rekey: ${error instanceof Error ? error.message : String(error)}`);
  exitWhenFlushed(error instanceof UsageError || isParseArgsError(error) ? 2 : 1);
});

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { openDatabase } from '../database/database';
import { dataSourceOptions, runMigrations } from '../database/data-source';
import { generateDemoCompany } from './generator';
import { hubIsEmpty, loadDemoCompany } from './loader';
import { demoMatchingReport, matchingReportText } from './matching-report';

/**
 * `npm run demo -- [--accounts N] [--seed S]`: loads the demo company into an
 * empty hub (DATABASE_URL, or the embedded database) through the ingest
 * pipeline, then prints how well matching did against the demo's truth.
 * Refuses a hub with data.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    const value = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: expected a positive integer`);
    return value;
  };
  const company = generateDemoCompany({ accounts: option('accounts', 300), seed: option('seed', 20261123) });
  const database = await openDatabase(loadConfig(), (line) => console.log(line));
  try {
    await runMigrations(database.url);
    const ds = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      if (!(await hubIsEmpty(ds))) throw new Error('The hub already holds data: demo data is only loaded into an empty hub.');
      const loaded = await loadDemoCompany(ds, company);
      console.log(
        `Loaded ${company.divisions.length} divisions, ${company.colleagues.length} colleagues and, through ingest in ${loaded.batches} batches, ` +
          `${loaded.accountRecords} account records of ${company.accounts.length} customers, ${loaded.contacts} contacts, ` +
          `${loaded.opportunities} opportunities and ${loaded.touchpoints} touchpoints in ${(loaded.ms / 1000).toFixed(1)} s: ` +
          `the hub made ${loaded.accounts} accounts and ${loaded.stakeholders} stakeholders of them.`,
      );
      console.log(matchingReportText(await demoMatchingReport(ds, company)));
    } finally {
      await ds.destroy();
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

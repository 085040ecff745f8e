import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { openDatabase } from './database';
import { dataSourceOptions, runMigrations } from './data-source';
import { pendingSchemaChanges } from './schema-diff';

const MIGRATIONS_DIR = join(__dirname, 'migrations');

/** Writes a migration class with the SQL that brings the database to the entities, and lists it in index.ts. */
function writeMigration(name: string, up: string[], down: string[]): string {
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const file = `${timestamp}-${name}`;
  const body = (queries: string[]) => queries.map((q) => `    await q.query(${JSON.stringify(q)});`).join('\n');
  writeFileSync(
    join(MIGRATIONS_DIR, `${file}.ts`),
    `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(q: QueryRunner): Promise<void> {\n${body(up)}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${body(down)}\n  }\n}\n`,
  );
  const indexFile = join(MIGRATIONS_DIR, 'index.ts');
  const index = readFileSync(indexFile, 'utf8')
    .replace(/(\nexport const MIGRATIONS = \[)/, `import { ${className} } from './${file}';\n$1`)
    .replace(/\];\s*$/, `, ${className}];\n`);
  writeFileSync(indexFile, index);
  return file;
}

/**
 * `npm run migration:run` applies pending migrations; `npm run migration:generate -- Name`
 * diffs the entities against a migrated database and writes the migration.
 * Both use DATABASE_URL, or the embedded database in OURCUSTOMER_DATA_DIR.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'run' && command !== 'generate') throw new Error('usage: cli.ts run | generate <Name>');
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
    throw new Error('migration:generate needs a PascalCase name, e.g. `npm run migration:generate -- AddTouchpoints`');
  }
  const database = await openDatabase(loadConfig(), (line) => console.log(line));
  try {
    const ran = await runMigrations(database.url);
    console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'No pending migrations.');
    if (command === 'generate') {
      const ds = await new DataSource(dataSourceOptions(database.url)).initialize();
      const { up, down } = await pendingSchemaChanges(ds);
      await ds.destroy();
      console.log(up.length ? `Wrote ${writeMigration(name, up, down)}.ts` : 'The entities match the database: nothing to generate.');
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

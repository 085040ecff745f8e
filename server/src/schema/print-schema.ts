import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildSchemaText } from './schema';
import { SCHEMA_FILE } from './schema-text';

/**
 * `npm run schema`: regenerates schema.graphql at the repo root from the code.
 * With `--check`, writes nothing and exits 1 when the committed file differs.
 */
buildSchemaText().then((text) => {
  if (process.argv.includes('--check')) {
    const same = readFileSync(SCHEMA_FILE, 'utf8') === text;
    console.log(same ? 'schema.graphql is up to date' : 'schema.graphql differs from the code: run `npm run schema`');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(SCHEMA_FILE, text);
  console.log(`Wrote ${SCHEMA_FILE}`);
});

import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildSchemaText, SCHEMA_FILE } from './schema';

/** `npm run schema`: regenerates schema.graphql at the repo root from the code. */
buildSchemaText().then((text) => {
  writeFileSync(SCHEMA_FILE, text);
  console.log(`Wrote ${SCHEMA_FILE}`);
});

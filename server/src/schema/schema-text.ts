import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';

/** Where the committed, generated schema lives: the repo root. */
export const SCHEMA_FILE = join(__dirname, '../../../schema.graphql');

/** The SDL exactly as it is committed: sorted, with a header saying it is generated. */
export function schemaText(schema: GraphQLSchema): string {
  return `# Generated from the server code by \`npm run schema\`. Do not edit: a test fails when it drifts.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

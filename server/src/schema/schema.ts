import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';
import { FEATURE_MODULES } from '../app.module';

/** Where the committed, generated schema lives: the repo root. */
export const SCHEMA_FILE = join(__dirname, '../../../schema.graphql');

const RESOLVER_METADATA = 'graphql:resolver_type';

/** The resolver classes of every feature module (providers that carry @Resolver metadata). */
export function featureResolvers(): Function[] {
  return FEATURE_MODULES.flatMap((module) => (Reflect.getMetadata('providers', module) ?? []) as Function[]).filter(
    (provider) => typeof provider === 'function' && Reflect.hasMetadata(RESOLVER_METADATA, provider),
  );
}

/** The SDL exactly as it is committed: sorted, with a header saying it is generated. */
export function schemaText(schema: GraphQLSchema): string {
  return `# Generated from the server code by \`npm run schema\`. Do not edit: a test fails when it drifts.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Builds the schema from the code without a database. */
export async function buildSchemaText(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(featureResolvers());
  await app.close();
  return schemaText(schema);
}

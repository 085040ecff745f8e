import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { FEATURE_MODULES } from '../app.module';
import { SCALARS_MAP } from '../common/date-time.scalar';
import { schemaText } from './schema-text';

const RESOLVER_METADATA = 'graphql:resolver_type';

/** The resolver classes of every feature module (providers that carry @Resolver metadata). */
export function featureResolvers(): Function[] {
  return FEATURE_MODULES.flatMap((module) => (Reflect.getMetadata('providers', module) ?? []) as Function[]).filter(
    (provider) => typeof provider === 'function' && Reflect.hasMetadata(RESOLVER_METADATA, provider),
  );
}

/** Builds the schema from the code without a database. */
export async function buildSchemaText(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(featureResolvers(), { scalarsMap: SCALARS_MAP });
  await app.close();
  return schemaText(schema);
}

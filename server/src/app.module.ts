import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { AccountsModule } from './accounts/accounts.module';
import { CallerErrorFilter } from './common/graphql-error.filter';
import { LoadersFactory } from './common/loaders';
import { LoadersModule } from './common/loaders.module';
import { RequestContext } from './common/request-context';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DivisionsModule } from './divisions/divisions.module';
import { HealthController } from './health/health.controller';

/** The feature modules; each owns its entities, services and resolvers. */
export const FEATURE_MODULES = [DivisionsModule, AccountsModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: false }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [LoadersModule],
          inject: [LoadersFactory],
          useFactory: (loaders: LoadersFactory) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            introspection: !config.production,
            graphiql: !config.production,
            context: ({ req, res }: { req: Request; res: Response }): RequestContext => ({ req, res, loaders: loaders.create() }),
          }),
        }),
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: CallerErrorFilter }],
    };
  }
}

import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { BadRequestException, DynamicModule, Module, ValidationError, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { ColleaguesModule } from './colleagues/colleagues.module';
import { SCALARS_MAP } from './common/date-time.scalar';
import { CallerErrorFilter } from './common/graphql-error.filter';
import { UnauthenticatedError } from './common/errors';
import { LoadersFactory } from './common/loaders';
import { LoadersModule } from './common/loaders.module';
import { RequestContext } from './common/request-context';
import { StorableArgumentsPipe } from './common/storable-arguments.pipe';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CriticalInfoModule } from './critical-info/critical-info.module';
import { dataSourceOptions } from './database/data-source';
import { DivisionsModule } from './divisions/divisions.module';
import { EngagementModule } from './engagement/engagement.module';
import { formatError } from './hardening/format-error';
import { hardeningPlugin } from './hardening/hardening.plugin';
import { LIMITS, ShapeLimitsRule } from './hardening/limits';
import { limitListItems } from './hardening/list-items';
import { RateLimiter } from './hardening/rate-limit';
import { HealthController } from './health/health.controller';
import { IdentityModule } from './identity/identity.module';
import { IngestModule } from './ingest/ingest.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { graphqlWsOptions } from './live/graphql-ws.options';
import { LiveModule } from './live/live.module';
import { NoticesModule } from './notices/notices.module';
import { OpportunitiesModule } from './opportunities/opportunities.module';
import { StakeholdersModule } from './stakeholders/stakeholders.module';
import { TouchpointsModule } from './touchpoints/touchpoints.module';

/** The feature modules; each owns its entities, services and resolvers. */
export const FEATURE_MODULES = [AuditModule, DivisionsModule, ColleaguesModule, AuthModule, IntegrationsModule, AccountsModule, IngestModule, IdentityModule, StakeholdersModule, OpportunitiesModule, TouchpointsModule, CriticalInfoModule, NoticesModule, EngagementModule, LiveModule];

/** class-validator failures become one BAD_USER_INPUT error that names every field and rule. */
function validationError(errors: ValidationError[]): GraphQLError {
  const flatten = (list: ValidationError[], prefix = ''): { field: string; problems: string[] }[] =>
    list.flatMap((e) => [
      ...(e.constraints ? [{ field: prefix + e.property, problems: Object.values(e.constraints) }] : []),
      ...flatten(e.children ?? [], `${prefix}${e.property}.`),
    ]);
  const fields = flatten(errors);
  return new GraphQLError(`Invalid input: ${fields.map((f) => f.problems.join('; ')).join('; ')}.`, {
    extensions: { code: 'BAD_USER_INPUT', fields },
  });
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const limiter = new RateLimiter(config.rateLimitPerMinute);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config.dbPool), migrationsRun: false }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [LoadersModule, AuthModule],
          inject: [LoadersFactory, AuthService, GraphQLSchemaHost],
          useFactory: (loaders: LoadersFactory, auth: AuthService, schemaHost: GraphQLSchemaHost) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            buildSchemaOptions: { scalarsMap: SCALARS_MAP },
            transformSchema: (schema: GraphQLSchema) => limitListItems(schema),
            introspection: config.introspection,
            graphiql: config.introspection,
            csrfPrevention: true,
            allowBatchedHttpRequests: false,
            hideSchemaDetailsFromClientErrors: config.production,
            includeStacktraceInErrorResponses: false,
            formatError: formatError(config.production),
            // Cache control is on by default and wraps every field resolver to read cache hints nobody sets here: 50
            // touchpoints of a timeline page are a thousand wrapped fields (measured in the read bench's CPU profile).
            plugins: [hardeningPlugin(() => schemaHost.schema), ApolloServerPluginCacheControlDisabled()],
            validationRules: [ShapeLimitsRule],
            parseOptions: { maxTokens: LIMITS.maxTokens },
            // Live updates: graphql-ws on the same path; auth, limits and formatting as over HTTP (live/graphql-ws.options.ts).
            subscriptions: { 'graphql-ws': graphqlWsOptions({ config, auth, loaders, limiter, schema: () => schemaHost.schema }) },
            context: async ({ req, res }: { req: Request; res: Response }): Promise<RequestContext> => {
              const principal = await auth.principalFor(req).catch((error: unknown) => {
                // A refused credential (an unknown bearer token) counts as an anonymous request from its address:
                // uncounted, guessing tokens went on without limit.
                if (error instanceof UnauthenticatedError) limiter.check({ kind: 'anonymous' }, req.ip);
                throw error;
              });
              limiter.check(principal, req.ip);
              return { req, res, principal, loaders: loaders.create() };
            },
          }),
        }),
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: CallerErrorFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        // Before the ValidationPipe: an argument the database cannot take gets its own clear error first.
        { provide: APP_PIPE, useClass: StorableArgumentsPipe },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: (errors) => validationError(errors) as unknown as BadRequestException,
          }),
        },
      ],
    };
  }
}

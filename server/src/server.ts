import 'reflect-metadata';
import { createServer as createNetServer } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppConfig } from './config/config';
import { OpenDatabase, openDatabase } from './database/database';
import { runMigrations } from './database/data-source';
import { DEMO_PASSWORD, generateDemoCompany } from './demo/generator';
import { hubIsEmpty, loadDemoCompany } from './demo/loader';
import { demoMatchingReport, matchingReportLine } from './demo/matching-report';
import { serveWebApp } from './web/spa';
import { limitWebSocketMessages } from './live/ws-limits';
import cookieParser from 'cookie-parser';
import { parseRequestBodies } from './hardening/request-body';
import { securityHeaders } from './hardening/security-headers';

export class PortInUseError extends Error {}

export interface RunningServer {
  app: NestExpressApplication;
  url: string;
  databaseUrl: string;
  /** The schema this server serves. */
  schema(): GraphQLSchema;
  close(): Promise<void>;
}

/** Builds the Nest application on a migrated database (no listening yet). */
export async function createApp(config: AppConfig, databaseUrl: string, log: (line: string) => void = () => undefined) {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: config.production || config.test ? ['error', 'warn'] : ['error', 'warn', 'log'],
    abortOnError: false,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // First: every answer carries them, also those the body parser's refusals give before anything else runs.
  app.use(securityHeaders(config));
  parseRequestBodies(app, '/graphql');
  app.use(cookieParser());
  serveWebApp(app, config.webDist, log);
  return app;
}

async function listen(app: NestExpressApplication, port: number): Promise<void> {
  try {
    await app.listen(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw portInUse(port);
    }
    throw error;
  }
}

function portInUse(port: number): PortInUseError {
  return new PortInUseError(`PORT: port ${port} is already in use; stop the other process or set PORT to a free port`);
}

/** Fails fast, before the database starts, when the port is taken. */
async function ensurePortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(port) : error));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Opens the database, migrates it, loads demo data on a first embedded start, and serves. */
export async function startServer(config: AppConfig, log: (line: string) => void): Promise<RunningServer> {
  await ensurePortFree(config.port);
  const database: OpenDatabase = await openDatabase(config, log);
  try {
    const ran = await runMigrations(database.url);
    if (ran.length) log(`Migrations applied: ${ran.join(', ')}`);
    const app = await createApp(config, database.url, log);
    const dataSource = app.get<DataSource>(getDataSourceToken());
    await warnOfAsciiOnlyLetters(dataSource, log);
    if (database.embedded && config.demo && (await hubIsEmpty(dataSource))) {
      // History up to today, so recent touches and planned meetings are recent and planned.
      const company = generateDemoCompany({ now: new Date() });
      const loaded = await loadDemoCompany(dataSource, company);
      log(`Loaded demo data: ${company.divisions.length} divisions, ${company.colleagues.length} colleagues, ${company.accounts.length} accounts, ${loaded.moved} people who changed jobs since (OURCUSTOMER_DEMO=0 turns this off)`);
      log(matchingReportLine(await demoMatchingReport(dataSource, company)));
      log(`Demo colleagues sign in with the password "${DEMO_PASSWORD}", e.g. admin@ourcompany.example (admin) or ${company.colleagues[1].email} (rep). Change or remove them before real use.`);
    }
    await listen(app, config.port).catch(async (error) => {
      await app.close();
      throw error;
    });
    limitWebSocketMessages(app);
    const url = `http://localhost:${config.port}`;
    return {
      app,
      url,
      databaseUrl: database.url,
      schema: () => app.get(GraphQLSchemaHost).schema,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * A database whose character type is C (the embedded clusters made before 2026-11-25, or a server
 * created so) lower-cases only A–Z: word search then tells "übernahme" from "Übernahme".
 */
async function warnOfAsciiOnlyLetters(db: DataSource, log: (line: string) => void): Promise<void> {
  // Only the libc provider ('c') reads datctype; the builtin and ICU ones know Unicode letters.
  const [{ ctype, provider }]: { ctype: string; provider: string }[] = await db.query(
    `SELECT datctype AS ctype, datlocprovider AS provider FROM pg_database WHERE datname = current_database()`);
  if (provider === 'c' && (ctype === 'C' || ctype === 'POSIX')) {
    log(`Warning: the database's character type is ${ctype}, so word search folds only A-Z capitals ("übernahme" misses "Übernahme"). `
      + 'Create the database with a UTF-8 character type (e.g. LC_CTYPE C.UTF-8, or the builtin C.UTF-8 locale on PostgreSQL 17+); see README, Configuration.');
  }
}

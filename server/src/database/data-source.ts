import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * Session settings of every hub connection. The hub answers many small
 * requests at once, so:
 * - no parallel query workers: a worker's start-up (measured: 15 ms on a
 *   timeline page searched by a word, large bench profile) costs more than it
 *   saves, and takes cores from the other requests;
 * - no JIT compilation: where the server has it (Debian's PostgreSQL does), it
 *   compiled the engagement statement of a large account on every call (140 of
 *   430 ms, PostgreSQL 15, default bench profile).
 * Floors of the read bench use the same settings.
 */
export const SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0 -c jit=off';

/** TypeORM options for the hub: migrations only, never synchronize. */
export function dataSourceOptions(url: string, pool = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error'],
    extra: { max: pool, application_name: 'ourcustomer', options: SESSION_OPTIONS },
  };
}

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * Session settings of every hub connection. No parallel query workers: the hub
 * answers many small requests at once, and a worker's start-up (measured: 15 ms
 * on a timeline page searched by a word, large bench profile) costs more than
 * it saves, while it takes cores from the other requests. Floors of the read
 * bench use the same settings.
 */
export const SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0';

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

import { DataSource } from 'typeorm';

/** The SQL TypeORM would run to bring the database to the entities (what migration:generate writes). */
export async function pendingSchemaChanges(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await ds.driver.createSchemaBuilder().log();
  return { up: log.upQueries.map((q) => q.query), down: log.downQueries.reverse().map((q) => q.query) };
}

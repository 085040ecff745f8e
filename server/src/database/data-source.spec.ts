import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../testing/database';
import { dataSourceOptions } from './data-source';

describe('the hub’s database sessions', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('run without parallel query workers or JIT compilation (small requests, many at once)', async () => {
    const ds = new DataSource(dataSourceOptions(database.url, 2));
    await ds.initialize();
    try {
      const [setting] = await ds.query(`SHOW max_parallel_workers_per_gather`);
      expect(setting.max_parallel_workers_per_gather).toBe('0');
      const [jit] = await ds.query(`SHOW jit`);
      expect(jit.jit).toBe('off');
    } finally {
      await ds.destroy();
    }
  });
});

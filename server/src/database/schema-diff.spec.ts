import { createTestDatabase, TestDatabase } from '../testing/database';
import { pendingSchemaChanges } from './schema-diff';

describe('migrations and entities', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('agree: a migrated database needs no change to match the entities', async () => {
    const ds = await database.dataSource();
    const { up } = await pendingSchemaChanges(ds);
    expect(up).toEqual([]);
  });
});

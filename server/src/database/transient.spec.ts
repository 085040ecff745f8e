import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../testing/database';
import { isTransientFailure, retryTransient } from './transient';

describe('retryTransient', () => {
  it('runs again what failed transiently, and gives up on other errors and after the last attempt', async () => {
    let calls = 0;
    await expect(retryTransient(async () => (++calls < 3 ? Promise.reject(Object.assign(new Error('deadlock'), { code: '40P01' })) : 'done'))).resolves.toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryTransient(async () => { calls++; throw Object.assign(new Error('unique'), { code: '23505' }); })).rejects.toThrow('unique');
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryTransient(async () => { calls++; throw Object.assign(new Error('again'), { driverError: { code: '40001' } }); }, 2)).rejects.toThrow('again');
    expect(calls).toBe(2);
  });

  describe('against a real deadlock', () => {
    let database: TestDatabase;
    let a: DataSource;
    let b: DataSource;
    beforeAll(async () => {
      database = await createTestDatabase();
      [a, b] = [await database.dataSource(), await database.dataSource()];
      await a.query(`CREATE TABLE lockstep (id int PRIMARY KEY, n int NOT NULL)`);
      await a.query(`INSERT INTO lockstep VALUES (1, 0), (2, 0)`);
    });
    afterAll(() => database.drop());

    it('recognises PostgreSQL’s deadlock as TypeORM reports it, and both transactions end up done', async () => {
      let failures = 0;
      let bothHoldOne: () => void = () => undefined;
      const held = new Promise<void>((resolve) => { let n = 0; bothHoldOne = () => { if (++n === 2) resolve(); }; });
      // Each locks one row, waits until the other holds its own, then asks for the other's: a deadlock on the first attempt.
      const crossing = (ds: DataSource, first: number, second: number) => retryTransient(() => ds.transaction(async (tx) => {
        await tx.query(`UPDATE lockstep SET n = n + 1 WHERE id = $1`, [first]);
        bothHoldOne();
        await held;
        await tx.query(`UPDATE lockstep SET n = n + 1 WHERE id = $1`, [second]);
      }).catch((error: unknown) => {
        if (isTransientFailure(error)) failures++;
        throw error;
      }));
      await Promise.all([crossing(a, 1, 2), crossing(b, 2, 1)]);
      expect(failures).toBe(1);
      expect(await a.query(`SELECT id, n FROM lockstep ORDER BY id`)).toEqual([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
    });
  });
});

import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput } from '../ingest/ingest.types';
import { addDivision, useTestDatabase } from '../testing/database';

/**
 * A birthday later than today is no birthday yet: ingest warns of it and matching leaves it out. "Today" is the hub's
 * Clock's (ingestBatch's `now`), for both: contactFeatures went by the machine's clock while the warning went by the
 * hub's, so a birthday the warning called future was matched on, and one it took was left out (found in review,
 * issue 4). Real PostgreSQL: the birthday stored for matching is the feature column.
 */
describe('a contact\'s birthday, future by the hub\'s Clock (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let divisionId: string;
  const ingest = (contacts: object[], now: Date) => db.transaction((tx) => ingestBatch(tx, divisionId, 'crm',
    { division: 'exhibits', sourceSystem: 'crm', contacts } as unknown as IngestBatchInput, { now }));
  const birthday = async (externalId: string) =>
    (await db.query(`SELECT to_char(birthday, 'YYYY-MM-DD') AS day FROM source_contact_record WHERE external_id = $1`, [externalId]))[0].day;

  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
    await db.transaction((tx) => ingestBatch(tx, divisionId, 'crm',
      { division: 'exhibits', sourceSystem: 'crm', accounts: [{ externalId: 'A', name: 'Birthday Labs' }] } as unknown as IngestBatchInput));
  });

  it('a clock set in the past: a birthday after its today is left out of matching, as the warning says', async () => {
    const now = new Date('2020-01-01T12:00:00Z');
    const outcome = await ingest([{ externalId: 'P-1', accountExternalId: 'A', name: 'Paula Past', birthday: '2024-03-03' }], now);
    expect(outcome.items.map((i) => [i.status, i.warnings])).toEqual([['CREATED', ['birthday "2024-03-03" is in the future: ignored']]]);
    expect(await birthday('P-1')).toBeNull();
  });

  it('a clock set in the future: a birthday before its today is matched on, and no warning', async () => {
    const now = new Date('2200-06-01T12:00:00Z');
    const outcome = await ingest([{ externalId: 'F-1', accountExternalId: 'A', name: 'Fred Future', birthday: '2199-05-05' }], now);
    expect(outcome.items.map((i) => [i.status, i.warnings])).toEqual([['CREATED', []]]);
    expect(await birthday('F-1')).toBe('2199-05-05');
  });
});

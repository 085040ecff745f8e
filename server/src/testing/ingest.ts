import { DataSource } from 'typeorm';
import { ingestBatch } from '../ingest/ingest.service';
import { IngestBatchInput, IngestResult } from '../ingest/ingest.types';
import { addDivision } from './database';

/**
 * For specs that send batches as one division's system: the division ("exhibits") made and one account record landed
 * before the file's first test (after the database is ready: call after useTestDatabase), and `ingest`, which sends
 * lists of items through ingestBatch as that division and system.
 */
export function useDivisionIngest(db: DataSource, sourceSystem: string, account: { externalId: string; name: string }) {
  let divisionId = '';
  const ingest = (lists: Record<string, object[]>): Promise<IngestResult> => {
    const batch = { division: 'exhibits', sourceSystem, ...lists } as unknown as IngestBatchInput;
    return db.transaction((tx) => ingestBatch(tx, divisionId, sourceSystem, batch));
  };
  beforeAll(async () => {
    divisionId = await addDivision(db, 'exhibits');
    await ingest({ accounts: [account] });
  });
  return { ingest };
}

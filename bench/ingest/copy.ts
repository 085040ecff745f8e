/**
 * The floor: the touchpoint rows scenario B stored, read back whole (every
 * column of `touchpoint`, in COPY text format: the stakeholder ids ingest
 * resolved included, so the people index gets the same entries) and COPYed into a copy of the
 * table — with the same indexes (`LIKE touchpoint INCLUDING ALL`: primary
 * key, natural key, timeline and source-record indexes; no foreign keys) and
 * without any; and with indexes plus the rows' words (the timeline's word
 * index, which the fold writes after ingest). Nothing ingest does per row can
 * be cheaper than this.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { WORDS_COLUMNS, wordsOf } from '../../server/src/touchpoints/timeline-words';

export interface CopyRun {
  rows: number;
  /** The faster of the attempts. */
  seconds: number;
  perSecond: number;
  /** Seconds of every attempt (each into a fresh table). */
  attempts: number[];
}

/** COPY into a copy of the table with only some of its indexes: where an insert's cost goes. */
export interface IndexStep {
  /** The indexes the table had for this COPY (cumulative: each step adds one). */
  indexes: string[];
  run: CopyRun;
}

export interface CopyFloor {
  rows: number;
  /** COPY text of the rows, in bytes. */
  bytes: number;
  /** Stakeholder ids the rows carry (every copy is checked to hold as many). */
  stakeholderIds: number;
  withIndexes: CopyRun;
  /**
   * withIndexes and then the rows' words written as the fold writes them (into a copy of `touchpoint_words` with
   * its indexes, text vectors computed from the copied rows): the word index's cost, off the insert path since
   * migration TimelineWords, added back.
   */
  withWords: CopyRun;
  withoutIndexes: CopyRun;
  /** The b-tree indexes alone, then each other index added in turn (the last step has them all). */
  byIndex: IndexStep[];
}

async function readRows(client: Client, select: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks;
}

async function copyInto(client: Client, table: string, chunks: Buffer[]): Promise<number> {
  const started = performance.now();
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
  return (performance.now() - started) / 1000;
}

/** `CREATE [UNIQUE] INDEX name ON [ONLY] table ` of pg_get_indexdef, to point the definition at a copy of the table. */
const INDEX_TARGET = /^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ /;

/**
 * touchpoint's indexes as cumulative steps: its b-tree indexes together
 * (primary key, natural key, timeline), then each other one (GIN: people,
 * words) added in name order.
 */
async function indexSteps(client: Client): Promise<{ name: string; definition: string }[][]> {
  const { rows } = await client.query<{ name: string; definition: string; method: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, am.amname AS method
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE i.indrelid = 'touchpoint'::regclass ORDER BY c.relname`,
  );
  const btrees = rows.filter((r) => r.method === 'btree');
  const steps = [btrees];
  for (const other of rows.filter((r) => r.method !== 'btree')) steps.push([...steps[steps.length - 1], other]);
  return steps;
}

/** COPYs the rows `select` returns (all columns of touchpoint) into fresh tables, with and without indexes, and times each COPY. */
export async function copyFloor(databaseUrl: string, select: string, attempts = 2): Promise<CopyFloor> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const chunks = await readRows(client, select);
    const stakeholderIdsOf = async (from: string) =>
      Number((await client.query<{ n: string }>(`SELECT coalesce(sum(cardinality(stakeholder_ids)), 0) AS n FROM ${from} s`)).rows[0].n);
    const stakeholderIds = await stakeholderIdsOf(`(${select})`);
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    const rows = chunks.reduce((n, c) => {
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) n++;
      return n;
    }, 0);
    const once = async (table: string, like: string, indexes: string[], words = false): Promise<number> => {
      await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_words`);
      await client.query(`CREATE TABLE ${table} (${like})`);
      if (words) await client.query(`CREATE TABLE ${table}_words (LIKE touchpoint_words INCLUDING ALL)`);
      for (const index of indexes) await client.query(index.replace(INDEX_TARGET, `CREATE $1INDEX ON ${table} `));
      try {
        let seconds = await copyInto(client, table, chunks);
        if (words) {
          const started = performance.now();
          await client.query(
            `INSERT INTO ${table}_words (${WORDS_COLUMNS}) SELECT ${wordsOf('t')} FROM ${table} t`);
          seconds += (performance.now() - started) / 1000;
        }
        const { rows: [{ n }] } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
        if (Number(n) !== rows) throw new Error(`COPY into ${table}: ${n} rows stored, ${rows} sent`);
        const copied = await stakeholderIdsOf(table);
        if (copied !== stakeholderIds) throw new Error(`COPY into ${table}: ${copied} stakeholder ids stored, ${stakeholderIds} sent`);
        return seconds;
      } finally {
        await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_words`);
      }
    };
    // A floor is the best case: the faster of `attempts` runs.
    const run = async (table: string, like: string, indexes: string[] = [], words = false): Promise<CopyRun> => {
      const times: number[] = [];
      for (let i = 0; i < attempts; i++) times.push(await once(table, like, indexes, words));
      const seconds = Math.min(...times);
      return { rows, seconds, perSecond: Math.round(rows / seconds), attempts: times.map((t) => Math.round(t * 1000) / 1000) };
    };
    const withIndexes = await run('bench_touchpoint_copy', 'LIKE touchpoint INCLUDING ALL');
    const withWords = await run('bench_touchpoint_copy', 'LIKE touchpoint INCLUDING ALL', [], true);
    const withoutIndexes = await run('bench_touchpoint_copy_bare', 'LIKE touchpoint');
    const byIndex: IndexStep[] = [];
    for (const step of await indexSteps(client)) {
      byIndex.push({ indexes: step.map((i) => i.name), run: await run('bench_touchpoint_copy_some', 'LIKE touchpoint', step.map((i) => i.definition)) });
    }
    return { rows, bytes, stakeholderIds, withIndexes, withWords, withoutIndexes, byIndex };
  } finally {
    await client.end();
  }
}

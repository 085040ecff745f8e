/**
 * The benchmark suite at its tiny profile, inside `npm test`: it keeps the
 * bench code working (data generation and COPY, the hub and floor processes,
 * every scenario, the load test, the plans, the ingest bench folded in) and
 * checks the result's shape — never a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchResult, runBench } from '../bench';
import { allocate, planAccounts } from './generator';
import { canonical, firstDifference, latency } from './measure';
import { PROFILES } from './profiles';
import { misspelt, typedPrefixes } from './scenarios';
import { Random } from '../../server/src/demo/random';

jest.setTimeout(180_000);

describe('bench building blocks', () => {
  it('allocates whole numbers summing exactly to the total', () => {
    expect(allocate([1, 2, 3, 4], 10)).toEqual([1, 2, 3, 4]);
    const parts = allocate([0.3, 1.7, 0, 5.1], 1001);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1001);
    expect(parts[2]).toBe(0);
  });

  it('plans the profile\'s exact touchpoints and stakeholders, the key accounts largest', () => {
    const size = PROFILES.default.data;
    const plans = planAccounts(size, new Random(size.seed));
    expect(plans).toHaveLength(size.accounts);
    expect(plans.reduce((n, p) => n + p.touchpoints, 0)).toBe(size.touchpoints);
    expect(plans.reduce((n, p) => n + p.stakeholders, 0)).toBe(size.stakeholders);
    const key = plans.filter((p) => p.key);
    expect(key).toHaveLength(size.keyAccounts);
    expect(Math.min(...key.map((p) => p.touchpoints))).toBeGreaterThanOrEqual(size.keyMin);
    const known = plans.reduce((n, p) => n + p.divisions, 0);
    expect(Math.abs(known - size.sourceAccounts) / size.sourceAccounts).toBeLessThan(0.05);
  });

  it('types names the way people do, and misspells them', () => {
    expect(typedPrefixes('Acme Motors GmbH')).toEqual(['Ac', 'Acm', 'Acme', 'Acme M', 'Acme Mo', 'Acme Mot', 'Acme Moto', 'Acme Motor']);
    const typo = misspelt(new Random(1), 'Northwind Logistics Inc');
    expect(typo).not.toBe('Northwind Logistics');
    expect(typo.split(' ')).toHaveLength(2);
  });

  it('measures nearest-rank percentiles and compares answers without their moment', () => {
    expect(latency([5, 1, 4, 2, 3])).toEqual({ n: 5, p50: 3, p95: 5, p99: 5, mean: 3, max: 5 });
    expect(canonical({ b: 1, a: { asOf: 'x', d: [1] } })).toBe('{"a":{"d":[1]},"b":1}');
    expect(firstDifference({ a: [{ x: 1 }] }, { a: [{ x: 2 }] })).toContain('data.a[0].x');
    expect(firstDifference({ a: 1, asOf: 1 }, { a: 1, asOf: 2 })).toBeNull();
  });
});

describe('npm run bench -- --profile tiny', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'ourcustomer-bench-spec-'));
  const lines: string[] = [];
  let result: BenchResult;
  let files: string[];

  beforeAll(async () => {
    const adminUrl = process.env.OC_TEST_ADMIN_URL;
    if (!adminUrl) throw new Error('OC_TEST_ADMIN_URL is not set: run through `npm test` (the Jest global setup starts PostgreSQL)');
    ({ result, files } = await runBench({ profile: PROFILES.tiny, adminUrl, outDir, log: (line) => lines.push(line) }));
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes the JSON, the Markdown table and the plans', () => {
    expect(files.map((f) => f.slice(outDir.length + 1))).toEqual([expect.stringMatching(/^bench-tiny-\d{4}-\d\d-\d\d\.json$/), expect.stringMatching(/\.md$/), expect.stringMatching(/-plans\.md$/)]);
    expect(JSON.parse(readFileSync(files[0], 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
    expect(readFileSync(files[1], 'utf8')).toBe(result.markdown);
    expect(result.markdown).toContain('| Scenario | n | Hub p50 / p95 / p99 ms');
    expect(readFileSync(files[2], 'utf8')).toContain('Execution Time');
  });

  it('says what was measured, on what, at which commit', () => {
    expect(result.profile).toBe('tiny');
    expect(result).toHaveProperty('commit');
    expect(result.machine).toEqual(expect.objectContaining({ cores: expect.any(Number), memoryGiB: expect.any(Number), postgres: expect.any(String), node: process.version }));
    expect(result.data.counts).toEqual(expect.objectContaining({ touchpoint: PROFILES.tiny.data.touchpoints, account: PROFILES.tiny.data.accounts }));
  });

  it('measures every read on the hub and both floors, with the same answers', () => {
    const ids = result.reads.scenarios.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([
      'search-prefix', 'search-fuzzy', 'timeline-first', 'timeline-deep', 'timeline-first-division-types', 'timeline-deep-types', 'critical-info', 'stakeholders-key',
    ]));
    for (const s of result.reads.scenarios) {
      if (s.skipped) {
        // Only engagement may be missing, and only while the schema lacks it.
        expect(s.group).toBe('engagement');
        continue;
      }
      for (const target of ['hub', 'sqlFloor', 'httpFloor'] as const) {
        expect(s.figures![target].latencyMs).toEqual(expect.objectContaining({ n: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) }));
        expect(s.figures![target].latencyMs.n).toBeGreaterThan(0);
        expect(s.figures![target].throughput).toEqual(expect.objectContaining({ perSecond: expect.any(Number), errors: expect.any(Number) }));
      }
      expect(s.ratios).toEqual(expect.objectContaining({ p95VsHttpFloor: expect.any(Number), p95VsSqlFloor: expect.any(Number), throughputVsHttpFloor: expect.any(Number) }));
      expect({ id: s.id, errors: s.figures!.hub.errors + s.figures!.httpFloor.errors + s.figures!.sqlFloor.errors, difference: s.answers!.firstDifference })
        .toEqual({ id: s.id, errors: 0, difference: undefined });
    }
    expect(result.verdicts.map((v) => v.scenario)).toEqual(ids);
  });

  it('runs the load test at 50 and 200 connections and reads the hub\'s memory', () => {
    expect(result.load.map((l) => l.connections)).toEqual([50, 200]);
    for (const l of result.load) {
      expect(l).toEqual(expect.objectContaining({ requests: expect.any(Number), perSecond: expect.any(Number), errors: expect.any(Number) }));
      expect(l.latencyMs.p99).toEqual(expect.any(Number));
      expect(l.rssMiB).toHaveProperty('peak');
      expect(l.cpuCores.loadGenerator).toEqual(expect.any(Number));
    }
  });

  it('folds the ingest bench in', () => {
    expect(result.ingest).toEqual(expect.objectContaining({ rates: expect.objectContaining({ touchpoints: expect.any(Number), copyFloorWithIndexes: expect.any(Number) }) }));
    expect(result.markdown).toContain('## Ingest');
  });
});

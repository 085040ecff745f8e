/**
 * EXPLAIN (ANALYZE, BUFFERS) of the hub's own main statement of each read
 * scenario, for its first request: the statements are captured from the
 * repositories themselves (TimelineRepository.page, AccountsRepository.search,
 * EngagementRepository.figures, criticalInfoSql.assertionsOf,
 * StakeholdersRepository.activity) with a stand-in DataSource, so the plans are
 * of the SQL the server sends today. Each runs twice (the second, warm, is
 * kept) unless the first takes longer than a few seconds.
 */
import { SESSION_OPTIONS } from '../../server/src/database/data-source';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AccountsRepository } from '../../server/src/accounts/accounts.repository';
import { nameKey } from '../../server/src/accounts/name-key';
import { decodeCursor } from '../../server/src/common/relay/cursor';
import { criticalInfoSql } from '../../server/src/critical-info/critical-info.repository';
import { StakeholdersRepository } from '../../server/src/stakeholders/stakeholders.repository';
import { TimelineQuery, TimelineRepository } from '../../server/src/touchpoints/timeline.repository';
import { hubEngagementSql } from './floor';
import { Scenario } from './scenarios';

export interface Plan {
  scenario: string;
  title: string;
  /** What the statement is (which repository method). */
  statement: string;
  parameters: unknown[];
  executionMs: number;
  planningMs: number;
  plan: string;
}

/** Captures the SQL and parameters a repository method sends. */
async function capture(call: (db: DataSource) => Promise<unknown>): Promise<{ sql: string; parameters: unknown[] }> {
  let sql = '';
  let parameters: unknown[] = [];
  const standIn = {
    query: async (statement: string, values?: unknown[]) => {
      sql = statement;
      parameters = values ?? [];
      return [];
    },
  };
  await call(standIn as unknown as DataSource);
  return { sql, parameters };
}

async function hubStatement(scenario: Scenario, client: Client): Promise<{ statement: string; sql: string; parameters: unknown[] }> {
  const request = scenario.requests[0];
  const floor = request.floor;
  if (floor.kind === 'search') {
    const captured = await capture((db) => new AccountsRepository(db).search(nameKey(floor.params.search), floor.params.first));
    return { statement: 'AccountsRepository.search', ...captured };
  }
  if (floor.kind === 'timeline') {
    const p = floor.params;
    const after = p.after ? decodeCursor('timeline', p.after, ['instant', 'uuid'] as const) : undefined;
    const query: TimelineQuery = {
      accountId: p.accountId, limit: p.first, ...(p.filter ?? {}), after: after ? { occurredAt: after[0], id: after[1] } : undefined,
      types: p.filter?.types as TimelineQuery['types'], readsConfidentialOf: { divisionId: p.viewerDivisionId },
    };
    const captured = await capture((db) => new TimelineRepository(db).page(query));
    return { statement: 'TimelineRepository.page', ...captured };
  }
  if (floor.kind === 'critical-info') {
    const captured = await capture((db) => criticalInfoSql.assertionsOf(db, [floor.params.accountId]));
    return { statement: 'criticalInfoSql.assertionsOf', ...captured };
  }
  if (floor.kind === 'stakeholders') {
    // The page's people first (for real), then what the hub asks about them: the activity statement (its DataLoader's batch).
    const real = { query: async (statement: string, values?: unknown[]) => (await client.query(statement, values)).rows };
    const page = await new StakeholdersRepository(real as unknown as DataSource).pageOfAccount(floor.params.accountId, floor.params.first);
    const keys = page.slice(0, floor.params.first).map((s) => ({ accountId: s.accountId, stakeholderId: s.id }));
    const captured = await capture((db) => new StakeholdersRepository(db).activity(keys));
    return { statement: `StakeholdersRepository.activity (the first page's ${keys.length} people)`, ...captured };
  }
  return {
    statement: 'EngagementRepository.figures',
    sql: await hubEngagementSql(),
    parameters: [floor.params.accountId, floor.params.viewer.email.toLowerCase(), floor.params.viewer.divisionId, null, false],
  };
}

export async function explainScenarios(databaseUrl: string, scenarios: readonly Scenario[], log: (line: string) => void): Promise<Plan[]> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-explain', options: SESSION_OPTIONS });
  await client.connect();
  const plans: Plan[] = [];
  try {
    for (const scenario of scenarios) {
      if (scenario.skipped) continue;
      const { statement, sql, parameters } = await hubStatement(scenario, client);
      let text = '';
      for (let attempt = 0; attempt < 2; attempt++) {
        const t0 = performance.now();
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
        text = rows.map((r) => r['QUERY PLAN']).join('\n');
        if (performance.now() - t0 > 3000) break;
      }
      const ms = (label: string) => Number(new RegExp(`${label} Time: ([\\d.]+) ms`).exec(text)?.[1] ?? NaN);
      plans.push({ scenario: scenario.id, title: scenario.title, statement, parameters, executionMs: ms('Execution'), planningMs: ms('Planning'), plan: text });
      log(`  plan of ${scenario.id} (${statement}): ${ms('Execution')} ms`);
    }
  } finally {
    await client.end();
  }
  return plans;
}

export function plansMarkdown(plans: readonly Plan[], heading: string): string {
  const lines = [`# ${heading}`, ''];
  for (const p of plans) {
    lines.push(`## ${p.title} (\`${p.scenario}\`)`, '');
    lines.push(`\`${p.statement}\`, parameters \`${JSON.stringify(p.parameters)}\`: execution ${p.executionMs} ms, planning ${p.planningMs} ms.`, '');
    lines.push('```', p.plan, '```', '');
  }
  return lines.join('\n');
}

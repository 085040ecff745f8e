import { EntityManager } from 'typeorm';

/** A node of an EXPLAIN (FORMAT JSON) plan, with the fields the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** A statement a test let through, with its plan. */
export interface Explained {
  sql: string;
  params: unknown[];
  plan: PlanNode;
}

/** Every table or index a plan reads, and how (Seq Scan, Index Scan, Bitmap Index Scan…). */
export function scansOf(node: PlanNode, out: { type: string; relation: string; index?: string }[] = []): { type: string; relation: string; index?: string }[] {
  if (node['Relation Name'] || node['Index Name']) out.push({ type: node['Node Type'], relation: node['Relation Name'] ?? '', index: node['Index Name'] });
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

/** Statements EXPLAIN takes. */
export const EXPLAINABLE = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;

/**
 * A transaction that EXPLAINs (without running them twice: no ANALYZE) the
 * statements `which` picks before it runs them, handing each plan to `seen`;
 * every other statement runs as it is.
 */
export function explaining(tx: EntityManager, seen: (statement: Explained) => void, which: RegExp = EXPLAINABLE): EntityManager {
  const query = async (sql: string, params?: unknown[]) => {
    if (which.test(sql)) {
      const [row] = await tx.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      seen({ sql, params: params ?? [], plan: row['QUERY PLAN'][0].Plan });
    }
    return tx.query(sql, params);
  };
  return new Proxy(tx, { get: (target, prop, receiver) => (prop === 'query' ? query : Reflect.get(target, prop, receiver)) });
}

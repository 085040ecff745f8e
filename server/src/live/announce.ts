import { EntityManager } from 'typeorm';

/**
 * The channels on which a transaction announces what it wrote. PostgreSQL
 * delivers a NOTIFY only when (and if) the transaction commits, to every
 * server instance listening on the database — so each instance behind a load
 * balancer can tell its own subscribers.
 */
export const LIVE_CHANNELS = {
  /** Payload `accountId|touchpointId,touchpointId,…` (at most IDS_PER_MESSAGE ids). */
  touchpoints: 'oc_touchpoints',
  /** Payload `colleagueId|noticeId`. */
  notices: 'oc_notices',
} as const;

/**
 * Channels that say "this reference data changed" (no payload to read): every
 * server instance drops its in-memory copy. Whatever writes the table NOTIFYs
 * in the same transaction — a migration that changes it included.
 */
export const CHANGE_CHANNELS = {
  /** The critical-info field catalogue (critical_info_field). */
  criticalInfoFields: 'oc_critical_info_fields',
} as const;

/** NOTIFY payloads are limited to 8,000 bytes: 100 uuids and an account id fit well. */
const IDS_PER_MESSAGE = 100;

async function notifyAll(tx: EntityManager, channel: string, payloads: string[]): Promise<void> {
  if (payloads.length === 0) return;
  await tx.query(`SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, [channel, payloads]);
}

/** Announces new or changed touchpoints, one message per account (per 100 touchpoints). */
export async function announceTouchpoints(tx: EntityManager, touchpoints: readonly { accountId: string; id: string }[]): Promise<void> {
  const byAccount = new Map<string, string[]>();
  for (const t of touchpoints) byAccount.set(t.accountId, [...(byAccount.get(t.accountId) ?? []), t.id]);
  const payloads: string[] = [];
  for (const [accountId, ids] of byAccount) {
    for (let i = 0; i < ids.length; i += IDS_PER_MESSAGE) payloads.push(`${accountId}|${ids.slice(i, i + IDS_PER_MESSAGE).join(',')}`);
  }
  await notifyAll(tx, LIVE_CHANNELS.touchpoints, payloads);
}

/** Announces notices written or raised again, one message each. */
export async function announceNotices(tx: EntityManager, notices: readonly { colleagueId: string; id: string }[]): Promise<void> {
  await notifyAll(tx, LIVE_CHANNELS.notices, notices.map((n) => `${n.colleagueId}|${n.id}`));
}

/** Announces a change of the critical-info field catalogue: each instance drops its copy when (and if) the transaction commits. */
export async function announceCatalogueChange(tx: EntityManager): Promise<void> {
  await notifyAll(tx, CHANGE_CHANNELS.criticalInfoFields, ['']);
}

import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { engagementRollups } from '../engagement/rollups';
import { ContactCandidate, contactCandidates, contactRecords } from './blocking';
import { Candidate, decideClusters, Decision } from './clustering';
import { PersonValueCounts, scoreContactPair } from './contact-scoring';
import { ContactFeatures } from './features';
import { matchReviews } from '../identity/match-reviews.repository';
import { byRecord, holders, peopleKeptApart, phoneHolders, rejectedPairs, writeLinks } from './link-store';
import { MATCH_RULES, MatchRules, PairScore } from './rules';

/** A stored, not yet linked contact record of a known account. */
export interface NewContactRecord {
  id: string;
  accountId: string;
  name: string;
  title: string | null;
  department: string | null;
  interests: string[];
  features: ContactFeatures;
  /** For a changed record alone in its person: that person (it stays, or the person merges into the match). */
  stakeholderId?: string | null;
}

const CONTACT_LINK_LOCK = 0x0c_5a_4e;

/** The contact linking lock (see linkContactRecords), for the transaction's lifetime. */
export async function lockContactLinking(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [CONTACT_LINK_LOCK]);
}

function countsFrom(candidates: ContactCandidate[]): PersonValueCounts {
  const count = holders(candidates, (c) => c.stakeholderId ?? c.id);
  return {
    lastName: count((c) => (c.lastKey ? [c.lastKey] : [])),
    email: count((c) => c.emails),
    // As comparePhones reads them: whole numbers, not their last nine digits.
    phone: phoneHolders(candidates, (c) => c.stakeholderId ?? c.id, (c) => c.phones),
  };
}

/**
 * Links contact records to stakeholders (existing or new), opening reviews for
 * the grey band. New records are not linked yet; a changed record alone in its
 * person (`stakeholderId`, see linkChangedContactRecords) is matched again: it
 * stays, or, when it now auto-links to another person, its person is merged
 * into that one (mergePeople, as a SAME decision merges them). A pair a person
 * called DIFFERENT never links, nor does a changed record join a person one of
 * whose records a person called different from it. `beforeMerging` runs
 * before people are merged (a lock the caller takes before touchpoints change).
 */
export async function linkContactRecords(
  tx: EntityManager, records: NewContactRecord[], rules: MatchRules = MATCH_RULES, beforeMerging?: () => Promise<void>,
): Promise<Decision[]> {
  if (records.length === 0) return [];
  await lockContactLinking(tx);
  const ids = records.map((r) => r.id);
  const candidates = await contactCandidates(tx, ids);
  const rejected = await rejectedPairs(tx, 'STAKEHOLDER', ids);
  // The people of changed records (alone in them) a DIFFERENT decision keeps apart from others: blocking may not find the
  // record the person was called different from again (only the rejected pair itself is checked against each candidate).
  const apart = new Set(rejected.size === 0 ? [] : (await peopleKeptApart(tx, records.flatMap((r) => r.stakeholderId ?? [])))
    .flatMap(({ a, b }) => [`${a}|${b}`, `${b}|${a}`]));
  const found = byRecord(ids, candidates);
  const counts = new Map<string, PersonValueCounts>();
  const { decisions } = decideClusters<ContactFeatures>({
    records: records.map((r) => ({ id: r.id, features: r.features, ownClusterId: r.stakeholderId ?? null })),
    candidatesOf: (id) => found.get(id)!.map((c): Candidate<ContactFeatures> => ({ id: c.id, clusterId: c.stakeholderId, features: c })),
    score: (id, a, b) => {
      if (!counts.has(id)) counts.set(id, countsFrom(found.get(id)!));
      return scoreContactPair(a, b, rules.contact, counts.get(id)!);
    },
    rejected: (a, b) => rejected.has(`${a}|${b}`),
    keptApart: (a, b) => apart.has(`${a}|${b}`),
    autoLink: rules.contact.autoLink,
    review: rules.contact.review,
    ambiguous: (top, other) => shortNameFitsBoth(top, other, rules.contact),
    newClusterId: () => randomUUID(),
  });
  // A changed record that links elsewhere takes its person along; a person whose lone record went into a
  // person whose own lone record went on (a chain within the batch) ends where the last one went.
  const own = new Map(records.map((r) => [r.id, r.stakeholderId ?? null]));
  const merges = decisions.filter((d) => d.moved).map((d) => ({ from: own.get(d.recordId)!, into: d.clusterId }));
  const ends = peopleMergedTo(merges);
  for (const d of decisions) d.clusterId = ends.get(d.clusterId) ?? d.clusterId;
  await dropReviewsKeptApart(tx, decisions, new Map(candidates.map((c) => [c.id, c.stakeholderId])));
  await writeContactDecisions(tx, records, decisions, rules.version);
  if (merges.length > 0) {
    await beforeMerging?.();
    await mergePeople(tx, merges);
    // Open reviews between a moved record's person and the one it joined have nothing left to decide.
    await matchReviews.closeSettled(tx, null);
  }
  return decisions;
}

/** First-name levels where a written short form or nickname fits the other's name (contact-scoring.ts, compareFirst). */
const FITTING_FIRST_NAME = new Set(['NICKNAME', 'SHORT_FORM']);

/**
 * A short first name that fits two people of the account ("Chris Berg" beside Christopher Berg and Christine Berg;
 * "Alex Brown" beside Alexander and Alexandra: found by exploratory testing, it joined the man the nickname table
 * sends the short form to): the record's best link is no surer than its link to the other person when both rest on
 * the short form and, the short form read as the other's name as it was read as the best's, the rest of the evidence
 * does not tell them apart by the grey band's width (a mailbox the best person has does; a city does not). Then the
 * record joins neither and both are put to a person.
 */
export function shortNameFitsBoth(top: PairScore, other: PairScore, rules: MatchRules['contact']): boolean {
  const first = (s: PairScore) => s.evidence.find((c) => c.field === 'firstName');
  const [t, o] = [first(top), first(other)];
  if (!t || !o || !FITTING_FIRST_NAME.has(t.level) || !FITTING_FIRST_NAME.has(o.level) || other.veto !== null) return false;
  const otherAsTop = other.score - o.weight + t.weight;
  return otherAsTop >= rules.review && top.score - otherAsTop < rules.autoLink - rules.review;
}

/**
 * Reviews that would ask whether a record's person is one with a person a
 * person already called different from it (a DIFFERENT decision on other
 * records of the two) are not opened: found by exploratory testing, a new
 * record of one of them opened a review with the other, and SAME on it undid
 * the DIFFERENT. Asked only for decisions with reviews.
 */
async function dropReviewsKeptApart(tx: EntityManager, decisions: Decision[], personOf: Map<string, string | null>): Promise<void> {
  const asking = decisions.filter((d) => d.reviews.length > 0);
  if (asking.length === 0) return;
  const people = [...new Set(asking.flatMap((d) => [d.clusterId, ...d.reviews.flatMap((r) => personOf.get(r.candidateId) ?? [])]))];
  const apart = new Set((await peopleKeptApart(tx, people)).map(({ a, b }) => `${a}|${b}`));
  if (apart.size === 0) return;
  for (const d of asking) {
    d.reviews = d.reviews.filter((r) => !apart.has(`${d.clusterId}|${personOf.get(r.candidateId)}`));
    if (d.reviews.length === 0 && d.status === 'REVIEW') d.status = 'AUTO';
  }
}

/**
 * Matches again the changed contact records that are alone in their person
 * and were not placed there by a person (link_status other than CONFIRMED):
 * new evidence (an email, a phone) may now say who they are. The rest keep
 * their person. Asked under contact linking's lock, so a record another
 * ingest links to the person at the same moment is seen (the person is no
 * longer alone). `beforeMerging`: as linkContactRecords.
 */
export async function linkChangedContactRecords(
  tx: EntityManager, records: NewContactRecord[], rules: MatchRules = MATCH_RULES, beforeMerging?: () => Promise<void>,
): Promise<Decision[]> {
  if (records.length === 0) return [];
  await lockContactLinking(tx);
  const alone: { id: string; stakeholderId: string }[] = await tx.query(
    `SELECT s.id, s.stakeholder_id AS "stakeholderId" FROM source_contact_record s
      WHERE s.id = ANY($1::uuid[]) AND s.stakeholder_id IS NOT NULL AND s.link_status <> 'CONFIRMED'
        AND NOT EXISTS (SELECT 1 FROM source_contact_record o WHERE o.stakeholder_id = s.stakeholder_id AND o.id <> s.id)`,
    [records.map((r) => r.id)],
  );
  const person = new Map(alone.map((r) => [r.id, r.stakeholderId]));
  return linkContactRecords(tx, records.filter((r) => person.has(r.id)).map((r) => ({ ...r, stakeholderId: person.get(r.id)! })), rules, beforeMerging);
}

/**
 * The people of two accounts merged into one meet for the first time: blocking
 * compares people by name and birthday only within their account, so a person
 * each side knew under its own record ("Bob Smith <bob@acme.com>", "Robert
 * Smith, +1 555…") was never compared and stayed two stakeholders of the
 * merged account. The records the merge brought (`movedIds`, now in `into`)
 * are compared with the people already there, and each pair of people whose
 * best pair of records scores at least the review threshold is put to a
 * person as a match review (the merged-in record against the survivor's),
 * however strongly it matches: the merge's split must give back exactly what
 * was there before, which the review it opened allows (undoneMerge drops it)
 * and a merge of people would not. People a person called DIFFERENT (through
 * any of their records), and pairs of records already asked about, are left
 * alone. Returns the reviews it opened.
 */
export async function reviewPeopleMet(tx: EntityManager, movedIds: readonly string[], into: string, rules: MatchRules = MATCH_RULES): Promise<string[]> {
  if (movedIds.length === 0) return [];
  const moved = new Set(movedIds);
  const records = (await contactRecords(tx, movedIds)).filter((r) => r.stakeholderId !== null);
  const candidates = (await contactCandidates(tx, records.map((r) => r.id))).filter((c) => c.accountId === into && !moved.has(c.id) && c.stakeholderId !== null);
  if (candidates.length === 0) return [];
  // Every review already asked about a pair of these records, either way round.
  const asked: { a: string; b: string }[] = await tx.query(
    `SELECT record_id AS a, candidate_record_id AS b FROM match_review
      WHERE kind = 'STAKEHOLDER' AND (record_id = ANY($1::uuid[]) OR candidate_record_id = ANY($1::uuid[]))`,
    [records.map((r) => r.id)],
  );
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const askedPairs = new Set(asked.map((r) => pairKey(r.a, r.b)));
  const found = byRecord(records.map((r) => r.id), candidates);
  // People a person called DIFFERENT through any of their records (not only the pairs blocking found now): never asked about again.
  const blocked = new Set((await peopleKeptApart(tx, [...new Set(records.map((r) => r.stakeholderId!))])).map((k) => pairKey(k.a, k.b)));
  const best = new Map<string, { recordId: string; candidateId: string; score: PairScore }>();
  for (const record of records) {
    const mine = found.get(record.id)!;
    const counts = countsFrom(mine);
    for (const candidate of mine) {
      if (candidate.stakeholderId === record.stakeholderId) continue;
      const people = pairKey(record.stakeholderId!, candidate.stakeholderId!);
      // A pair asked about already (open, or decided either way) is not asked again.
      if (askedPairs.has(pairKey(record.id, candidate.id))) continue;
      const score = scoreContactPair(record, candidate, rules.contact, counts);
      if (score.veto !== null || score.score < rules.contact.review) continue;
      const current = best.get(people);
      if (!current || score.score > current.score.score) best.set(people, { recordId: record.id, candidateId: candidate.id, score });
    }
  }
  const reviews = [...best].filter(([people]) => !blocked.has(people)).map(([, r]) => r);
  if (reviews.length === 0) return [];
  const rows: { id: string }[] = await tx.query(
    `INSERT INTO match_review (kind, record_id, candidate_record_id, score, evidence, rule_version)
     SELECT 'STAKEHOLDER', record_id, candidate_record_id, score, evidence::jsonb, $5
       FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::text[]) AS x(record_id, candidate_record_id, score, evidence)
     ON CONFLICT (kind, record_id, candidate_record_id) DO NOTHING
     RETURNING id`,
    [reviews.map((r) => r.recordId), reviews.map((r) => r.candidateId), reviews.map((r) => r.score.score), reviews.map((r) => JSON.stringify(r.score)), rules.version],
  );
  return rows.map((r) => r.id);
}

async function writeContactDecisions(tx: EntityManager, records: NewContactRecord[], decisions: Decision[], version: string) {
  const record = new Map(records.map((r) => [r.id, r]));
  const fresh = decisions.filter((d) => d.isNewCluster).map((d) => {
    const r = record.get(d.recordId)!;
    return {
      id: d.clusterId, account_id: r.accountId, name: r.name, name_key: r.features.nameKey, title: r.title, department: r.department,
      emails: r.features.emails, phones: r.features.phones, birthday: r.features.birthday, interests: r.interests,
    };
  });
  if (fresh.length > 0) {
    await tx.query(
      `INSERT INTO stakeholder (id, account_id, name, name_key, title, department, emails, phones, birthday, interests)
       SELECT id, account_id, name, name_key, title, department, emails, phones, birthday, interests
         FROM json_to_recordset($1::json) AS x(id uuid, account_id uuid, name text, name_key text, title text, department text,
              emails text[], phones text[], birthday date, interests text[])`,
      [JSON.stringify(fresh)],
    );
  }
  await writeLinks(tx, 'STAKEHOLDER', decisions, version);
  await refreshStakeholders(tx, [...new Set(decisions.map((d) => d.clusterId))], { departures: false });
}

/** One person folded into another: `from` answers with `into` from then on. */
export interface PeopleMerge {
  from: string;
  into: string;
}

/**
 * Where each merged person ends once these merges are done, in order: a chain
 * (a into b, then b into c) ends at its last person, and a merge whose two
 * people already end at one person is no merge (a into b, then b into a).
 */
export function peopleMergedTo(merges: readonly PeopleMerge[]): Map<string, string> {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let current = id;
    while (parent.has(current)) current = parent.get(current)!;
    return current;
  };
  for (const m of merges) {
    const [from, into] = [root(m.from), root(m.into)];
    if (from !== into) parent.set(from, into);
  }
  return new Map([...parent.keys()].map((id) => [id, root(id)]));
}

/**
 * Folds each `from` person into its `into`, the one way two people become
 * one (a person's SAME decision on them, or a changed record alone in its
 * person that now links to another): their contact records, the touchpoints
 * naming them (at any account: a touchpoint names a person by a contact id
 * wherever that contact is filed; through touchpoint_stakeholders_idx), their
 * affiliations with their dates (where they moved before), the reporting lines
 * their records name now (never to oneself), and every id merged into `from`
 * before: each answers with the person left (`merged_into_id`, which every
 * reader resolves one step, so critical info and touchpoints naming a
 * merged-away id find them). Set-based: one statement per step, however many
 * merges. Takes contact linking's lock: a record linked to a merged person at
 * the same moment is committed before the statements below read (and move)
 * it, and one linked after sees the person merged (without it, a new record
 * and its touchpoint stayed on the person merged away). Callers that lock
 * accounts lock them before (as an ingest locks the accounts it writes into
 * before it links people): no deadlock over accounts. Touchpoints of
 * accounts no caller locked are renamed too: an ingest holding one of them
 * while it waits for a lock the merge holds is a deadlock PostgreSQL breaks,
 * and both paths run the aborted transaction again (retryTransient).
 */
export async function mergePeople(tx: EntityManager, merges: readonly PeopleMerge[]): Promise<void> {
  const ends = [...peopleMergedTo(merges)];
  if (ends.length === 0) return;
  await lockContactLinking(tx);
  const from = ends.map(([id]) => id);
  const into = ends.map(([, id]) => id);
  const survivors = [...new Set(into)];
  const pairs = `unnest($1::uuid[], $2::uuid[]) AS x("from", "into")`;
  await tx.query(`UPDATE source_contact_record s SET stakeholder_id = x."into" FROM ${pairs} WHERE s.stakeholder_id = x."from"`, [from, into]);
  // Every touchpoint naming a merged person, at any account (through touchpoint_stakeholders_idx): a contact id
  // names its person wherever the touchpoint is (attachParticipants), so a touchpoint of an account neither person
  // was ever at can name them; left with the merged-away id, it got the survivor too from a later attachParticipants
  // (one person named, and counted, twice). Each person named stays where the touchpoint named them first (the one
  // left in place of the first of the two). They leave the engagement rollups before they change and are pending after.
  const renamed: { accountId: string; id: string }[] = await tx.query(
    `SELECT account_id AS "accountId", id FROM touchpoint WHERE stakeholder_ids && $1::uuid[] FOR UPDATE`, [from]);
  await engagementRollups.uncount(tx, renamed);
  await tx.query(
    `UPDATE touchpoint t SET stakeholder_ids = ARRAY(
        SELECT p.id FROM (SELECT coalesce(x."into", n.id) AS id, min(n.o) AS o FROM unnest(t.stakeholder_ids) WITH ORDINALITY AS n(id, o)
                            LEFT JOIN ${pairs} ON x."from" = n.id GROUP BY 1) p ORDER BY p.o)
      WHERE (t.account_id, t.id) IN (SELECT * FROM unnest($3::uuid[], $4::uuid[]))`,
    [from, into, renamed.map((t) => t.accountId), renamed.map((t) => t.id)],
  );
  await engagementRollups.pend(tx, renamed);
  // Whoever reported to either side, and the people left, get the line their records name now
  // (a survivor's records may name a person merged into it: not a line to oneself).
  const reporting: { id: string }[] = await tx.query(`SELECT id FROM stakeholder WHERE reports_to_id = ANY($1::uuid[])`, [[...from, ...survivors]]);
  await tx.query(`UPDATE stakeholder SET reports_to_id = NULL WHERE id = ANY($1::uuid[])`, [from]);
  await refreshReportsTo(tx, [...survivors, ...reporting.map((r) => r.id)]);
  // The merged people's affiliations join the survivor's with their dates (where they moved before), then go;
  // two merged into one at the same account count as one (the earliest start, open if either is).
  await tx.query(
    `INSERT INTO stakeholder_affiliation AS f (stakeholder_id, account_id, title, started_on, ended_on)
     SELECT x."into", a.account_id, (array_agg(a.title ORDER BY a.started_on, a.title) FILTER (WHERE a.title IS NOT NULL))[1], min(a.started_on),
            CASE WHEN bool_or(a.ended_on IS NULL) THEN NULL ELSE max(a.ended_on) END
       FROM stakeholder_affiliation a JOIN ${pairs} ON a.stakeholder_id = x."from"
      GROUP BY x."into", a.account_id
     ON CONFLICT (stakeholder_id, account_id) DO UPDATE SET title = coalesce(f.title, EXCLUDED.title),
        started_on = least(f.started_on, EXCLUDED.started_on),
        ended_on = CASE WHEN f.ended_on IS NULL OR EXCLUDED.ended_on IS NULL THEN NULL ELSE greatest(f.ended_on, EXCLUDED.ended_on) END`,
    [from, into],
  );
  await moveStints(tx, from, into);
  await tx.query(`DELETE FROM stakeholder_affiliation WHERE stakeholder_id = ANY($1::uuid[])`, [from]);
  // Who was merged into a merged person before now answers with the survivor too: every reader resolves an id one
  // step (merged_into_id), so an id two merges back (named by a touchpoint, a critical-info value) led to a person merged away.
  await tx.query(`UPDATE stakeholder s SET merged_into_id = x."into", updated_at = now() FROM ${pairs} WHERE s.merged_into_id = x."from"`, [from, into]);
  await tx.query(`UPDATE stakeholder s SET merged_into_id = x."into", updated_at = now() FROM ${pairs} WHERE s.id = x."from"`, [from, into]);
  await refreshStakeholders(tx, survivors);
}

/**
 * The stints of people merged away (`from[i]` into `into[i]`) join the
 * survivor's affiliation at the same account (mergePeople has made it), with
 * their titles: nothing either person's records said is lost. An affiliation
 * has one open stint, so the open ones meeting there become one, from the
 * earliest start, holding the titles of all of them.
 */
async function moveStints(tx: EntityManager, from: string[], into: string[]): Promise<void> {
  const target = `SELECT a.id AS from_aff, b.id AS into_aff
                    FROM stakeholder_affiliation a JOIN unnest($1::uuid[], $2::uuid[]) AS x("from", "into") ON a.stakeholder_id = x."from"
                    JOIN stakeholder_affiliation b ON b.stakeholder_id = x."into" AND b.account_id = a.account_id`;
  const open: { id: string; keep: string; started: string }[] = await tx.query(
    `WITH target AS (${target}),
     opened AS (
       SELECT t.id, coalesce(g.into_aff, t.affiliation_id) AS aff, t.started_on
         FROM stakeholder_affiliation_stint t LEFT JOIN target g ON g.from_aff = t.affiliation_id
        WHERE t.ended_on IS NULL AND (g.from_aff IS NOT NULL OR t.affiliation_id IN (SELECT into_aff FROM target)))
     SELECT id, first_value(id) OVER (PARTITION BY aff ORDER BY started_on, id) AS keep,
            to_char(min(started_on) OVER (PARTITION BY aff), 'YYYY-MM-DD') AS started
       FROM opened`,
    [from, into],
  );
  const dropped = open.filter((o) => o.id !== o.keep);
  if (dropped.length > 0) {
    await tx.query(
      `UPDATE stakeholder_affiliation_title h SET stint_id = x.keep FROM unnest($1::uuid[], $2::uuid[]) AS x(id, keep) WHERE h.stint_id = x.id`,
      [dropped.map((o) => o.id), dropped.map((o) => o.keep)]);
    await tx.query(`DELETE FROM stakeholder_affiliation_stint WHERE id = ANY($1::uuid[])`, [dropped.map((o) => o.id)]);
    const kept = open.filter((o) => o.id === o.keep);
    await tx.query(
      `UPDATE stakeholder_affiliation_stint t SET started_on = x.started FROM unnest($1::uuid[], $2::date[]) AS x(id, started)
        WHERE t.id = x.id AND t.started_on > x.started`,
      [kept.map((o) => o.id), kept.map((o) => o.started)]);
  }
  await tx.query(
    `UPDATE stakeholder_affiliation_stint t SET affiliation_id = g.into_aff FROM (${target}) g WHERE t.affiliation_id = g.from_aff`, [from, into]);
}

/*
 * How refreshStakeholders' statements reach the people's rows ($1: a batch's people, up to thousands). Given
 * `id = ANY($1)` with the array in sight, the planner costed that many index probes above a sequential scan
 * and read the whole stakeholder, contact record, affiliation and stint tables to hash-join them (25-180 ms
 * each at 60,000 people, growing with the hub). So each table is probed per person in a LATERAL subquery that
 * OFFSET 0 keeps apart (as natural-key.ts does for external ids), and the row counts the planner sees for
 * what is joined after are the true ones (hash joins, not a nested loop over thousands of rows).
 * THESE_PEOPLE hides the array (an initplan) where a target table is joined to rows computed before: the
 * planner plans for a few ids and probes the index.
 */
const PEOPLE = '(SELECT DISTINCT u.id FROM unnest($1::uuid[]) AS u(id)) AS p';
const THESE_PEOPLE = '(SELECT $1::uuid[])::uuid[]';

/**
 * A stakeholder's phones (of the person the column `personId` names) from its contact records: one writing per number, as distinctPhones (features.ts)
 * tells numbers apart (samePhoneNumber). Every international number (two differing only before their last nine digits
 * are two: by the last nine digits one was dropped, issue 4), and a national writing only when no international one is
 * the same number (its digits, trunk zeros dropped, end it when they are six to eight, else the last nine digits agree);
 * of the national writings left, the first of each last nine digits. In that order, as distinctPhones compares each
 * national writing with the international numbers first: taking the first of each last nine digits before dropped
 * "9012345678" beside "0012345678" and "+4912345678" (found in review; people-phones.spec.ts compares both).
 */
const stakeholderPhones = (personId: string) => `coalesce((SELECT array_agg(p ORDER BY p) FROM (
           SELECT DISTINCT ON (k) p FROM (
             SELECT p, d, CASE WHEN p LIKE '+%' THEN p ELSE right(d, 9) END AS k, array_agg(d) FILTER (WHERE p LIKE '+%') OVER () AS intl
               FROM source_contact_record s, unnest(s.phones) p, regexp_replace(p, '\\D', '', 'g') d WHERE s.stakeholder_id = ${personId}) x
            WHERE p LIKE '+%' OR NOT EXISTS (SELECT 1 FROM unnest(intl) q WHERE CASE
              WHEN length(ltrim(d, '0')) BETWEEN 6 AND 8 THEN q LIKE '%' || ltrim(d, '0') ELSE right(q, 9) = right(d, 9) END)
            ORDER BY k, p) one), '{}')`;

/**
 * Recomputes what a stakeholder takes from its contact records: every email
 * and phone, the latest title and department given at its account, the account of the latest
 * changed record (a person who moves to another customer goes with it), and
 * one affiliation per account the person was recorded at. An affiliation
 * stays when no record is at its account any longer (a champion who moves is
 * news, not a delete): it ends that day (its open stint with it), and if a
 * record returns it is current again in a new stint (the one before keeps its
 * dates and titles; back the day they left, the stint goes on). One at an
 * account merged away (a merge left it there, the person having one where the
 * merge went) does not end: it is kept as it was for the split undoing that
 * merge. Each division's title changes are kept per stint
 * (refreshAffiliationTitles).
 */
/** The phones of these stakeholders from their records again (rekey.ts, after it rewrote their records' phones). */
export async function refreshStakeholderPhones(tx: EntityManager, stakeholderIds: string[]): Promise<void> {
  if (stakeholderIds.length === 0) return;
  await tx.query(`UPDATE stakeholder st SET phones = ${stakeholderPhones('st.id')}, updated_at = now() WHERE st.id = ANY($1::uuid[])`, [stakeholderIds]);
}

export async function refreshStakeholders(tx: EntityManager, stakeholderIds: string[], { departures = true }: { departures?: boolean } = {}): Promise<void> {
  if (stakeholderIds.length === 0) return;
  // Title and department are those given at the person's account (as it is after this update): a person who moves takes
  // no title from their old customer (found by exploratory testing: "Chief Engineer" there showed at the new one).
  // Set-based: each person's records are read once and grouped, instead of five correlated subqueries per person.
  // A person this transaction has already written as they would be now (made for this batch's new record: same values,
  // updated_at now()) is left as it is: rewriting the row only gave each of its indexes a new entry.
  await tx.query(
    `WITH rec AS MATERIALIZED (
       SELECT s.stakeholder_id, s.id, s.account_id, s.updated_at, s.emails, s.phones,
              s.raw ? 'title' AS gives_title, s.raw->>'title' AS title, s.raw ? 'department' AS gives_department, s.raw->>'department' AS department
         FROM ${PEOPLE} CROSS JOIN LATERAL (SELECT * FROM source_contact_record s WHERE s.stakeholder_id = p.id OFFSET 0) s),
     now_at AS MATERIALIZED (
       SELECT st.id, coalesce(latest.account_id, st.account_id) AS account_id
         FROM ${PEOPLE} CROSS JOIN LATERAL (SELECT st.id, st.account_id FROM stakeholder st WHERE st.id = p.id OFFSET 0) st
         LEFT JOIN (SELECT DISTINCT ON (r.stakeholder_id) r.stakeholder_id, r.account_id FROM rec r WHERE r.account_id IS NOT NULL
                     ORDER BY r.stakeholder_id, r.updated_at DESC, r.id DESC) latest ON latest.stakeholder_id = st.id),
     emails AS (SELECT r.stakeholder_id, array_agg(DISTINCT e ORDER BY e) AS emails FROM rec r, unnest(r.emails) e GROUP BY r.stakeholder_id),
     titles AS (
       SELECT DISTINCT ON (r.stakeholder_id) r.stakeholder_id, r.title FROM rec r JOIN now_at n ON n.id = r.stakeholder_id
        WHERE r.account_id IS NOT DISTINCT FROM n.account_id AND r.gives_title ORDER BY r.stakeholder_id, r.updated_at DESC, r.id DESC),
     departments AS (
       SELECT DISTINCT ON (r.stakeholder_id) r.stakeholder_id, r.department FROM rec r JOIN now_at n ON n.id = r.stakeholder_id
        WHERE r.account_id IS NOT DISTINCT FROM n.account_id AND r.gives_department ORDER BY r.stakeholder_id, r.updated_at DESC, r.id DESC),
     refreshed AS MATERIALIZED (
       SELECT n.id, n.account_id, coalesce(e.emails, '{}') AS emails, ${stakeholderPhones('n.id')} AS phones, t.title, d.department
         FROM now_at n LEFT JOIN emails e ON e.stakeholder_id = n.id
         LEFT JOIN titles t ON t.stakeholder_id = n.id LEFT JOIN departments d ON d.stakeholder_id = n.id)
     UPDATE stakeholder st SET emails = r.emails, phones = r.phones, title = r.title, department = r.department, account_id = r.account_id, updated_at = now()
       FROM refreshed r
      WHERE st.id = r.id AND st.id = ANY(${THESE_PEOPLE})
        AND (st.emails, st.phones, st.title, st.department, st.account_id, st.updated_at)
            IS DISTINCT FROM (r.emails, r.phones, r.title, r.department, r.account_id, now())`,
    [stakeholderIds],
  );
  // Started the day a record first put the person there (created, or moved there by an update). `home`: at the person's own
  // account (migration AffiliationsAway: how people pages find the others), set in this statement, not by a second update
  // of the rows it wrote: that re-checks their foreign key (a share lock on the account) in the middle of linking, and it
  // deadlocked with a review decision holding the account and waiting for the linking lock.
  // Each affiliation with a record there has an open stint (migration AffiliationStints): a person who comes back after
  // leaving opens a new one, the day the record that returned was written; the one before stays ended with its titles.
  // Back the day they left, there was no gap: the stint that ended today goes on (records moved away and back within a
  // day, as a split undoing a merge inside other merges does; a new stint there made that undoing inexact).
  // In the same statement: the stint writes read the stints as they were before it, which the upsert does not change.
  // Every table is probed by index (see PEOPLE): the people and their records, an open stint per affiliation, the stints
  // to resume by id (the planner read every open stint, and every stint, to hash-join them).
  await tx.query(
    `WITH at AS (
       SELECT DISTINCT ON (s.stakeholder_id, s.account_id) s.stakeholder_id, s.account_id, s.raw->>'title' AS title,
              s.updated_at::date AS day, s.account_id = st.account_id AS home
         FROM ${PEOPLE}
         CROSS JOIN LATERAL (SELECT st.id, st.account_id FROM stakeholder st WHERE st.id = p.id OFFSET 0) st
         CROSS JOIN LATERAL (SELECT * FROM source_contact_record s WHERE s.stakeholder_id = st.id AND s.account_id IS NOT NULL OFFSET 0) s
        ORDER BY s.stakeholder_id, s.account_id, s.updated_at DESC),
     up AS (
       INSERT INTO stakeholder_affiliation AS f (stakeholder_id, account_id, title, started_on, home)
       SELECT stakeholder_id, account_id, title, day, home FROM at
       ON CONFLICT (stakeholder_id, account_id) DO UPDATE SET title = EXCLUDED.title, ended_on = NULL, home = EXCLUDED.home
       RETURNING f.id, f.stakeholder_id, f.account_id),
     closed AS (
       SELECT up.id FROM up
         LEFT JOIN LATERAL (SELECT t.id FROM stakeholder_affiliation_stint t WHERE t.affiliation_id = up.id AND t.ended_on IS NULL OFFSET 0) o ON true
        WHERE o.id IS NULL),
     resumed AS (
       UPDATE stakeholder_affiliation_stint t SET ended_on = NULL
        WHERE t.id = ANY(ARRAY(SELECT (SELECT e.id FROM stakeholder_affiliation_stint e WHERE e.affiliation_id = closed.id AND e.ended_on = current_date
                                        ORDER BY e.started_on DESC, e.created_at DESC, e.id DESC LIMIT 1) FROM closed))
       RETURNING t.affiliation_id)
     INSERT INTO stakeholder_affiliation_stint (affiliation_id, started_on)
     SELECT up.id, at.day FROM up JOIN at USING (stakeholder_id, account_id)
      WHERE up.id IN (SELECT id FROM closed) AND up.id NOT IN (SELECT affiliation_id FROM resumed)
     ON CONFLICT (affiliation_id) WHERE ended_on IS NULL DO NOTHING`,
    [stakeholderIds],
  );
  await refreshAffiliationTitles(tx, stakeholderIds);
  // Only a record that left an account (an update, a merge) can end an affiliation: new records need not look.
  if (!departures) return;
  await tx.query(
    `WITH ended AS (
       UPDATE stakeholder_affiliation f SET ended_on = current_date, home = false
        WHERE f.stakeholder_id = ANY(${THESE_PEOPLE}) AND f.ended_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM source_contact_record s WHERE s.stakeholder_id = f.stakeholder_id AND s.account_id = f.account_id)
          -- One a merge left at the account it merged away stays as the merge left it, for the split undoing that merge.
          AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = f.account_id AND a.merged_into_id IS NOT NULL)
       RETURNING f.id)
     UPDATE stakeholder_affiliation_stint t SET ended_on = current_date FROM ended WHERE t.affiliation_id = ended.id AND t.ended_on IS NULL`,
    [stakeholderIds],
  );
}

/**
 * Writes down each division's title of these people where they are now (their
 * open stints at accounts not merged away), when it changed: the title of the
 * division's latest record there (none: a division that no longer gives one,
 * or whose records left, says null: kept with the record that said the title
 * before), against the latest it said in the stint.
 * One statement for all the people (contact ingest's hot path). A stint no
 * record is at any longer keeps the titles it ended with (it ends, or a merge
 * took its account away and the split undoing it gives it back as it was).
 */
async function refreshAffiliationTitles(tx: EntityManager, stakeholderIds: string[]): Promise<void> {
  // The people's records read once; affiliations, stints, titles and accounts probed by index (see PEOPLE): the planner
  // read every account (merged_into_id) and could read every affiliation and stint to hash-join them.
  await tx.query(
    `WITH rec AS MATERIALIZED (
       SELECT s.stakeholder_id, s.account_id, s.division_id, s.id, s.raw->>'title' AS title, s.updated_at
         FROM ${PEOPLE} CROSS JOIN LATERAL (SELECT * FROM source_contact_record s WHERE s.stakeholder_id = p.id AND s.account_id IS NOT NULL OFFSET 0) s),
     open AS MATERIALIZED (
       SELECT t.id AS stint_id, f.stakeholder_id, f.account_id
         FROM (SELECT DISTINCT r.stakeholder_id, r.account_id FROM rec r) here
         CROSS JOIN LATERAL (SELECT f.id, f.stakeholder_id, f.account_id FROM stakeholder_affiliation f
                              WHERE f.stakeholder_id = here.stakeholder_id AND f.account_id = here.account_id OFFSET 0) f
         CROSS JOIN LATERAL (SELECT t.id FROM stakeholder_affiliation_stint t WHERE t.affiliation_id = f.id AND t.ended_on IS NULL OFFSET 0) t
        WHERE (SELECT a.merged_into_id FROM account a WHERE a.id = f.account_id) IS NULL),
     said AS (
       SELECT DISTINCT ON (o.stint_id, s.division_id) o.stint_id, s.division_id, s.id AS record_id, s.title, s.updated_at
         FROM open o JOIN rec s ON s.stakeholder_id = o.stakeholder_id AND s.account_id = o.account_id
        ORDER BY o.stint_id, s.division_id, s.updated_at DESC, s.id DESC),
     kept AS (
       SELECT DISTINCT ON (h.stint_id, h.division_id) h.stint_id, h.division_id, h.title, h.record_id
         FROM open o
         CROSS JOIN LATERAL (SELECT h.stint_id, h.division_id, h.title, h.source_contact_record_id AS record_id, h.created_at, h.id
                               FROM stakeholder_affiliation_title h WHERE h.stint_id = o.stint_id AND h.division_id IS NOT NULL OFFSET 0) h
        ORDER BY h.stint_id, h.division_id, h.created_at DESC, h.id DESC)
     INSERT INTO stakeholder_affiliation_title (stint_id, division_id, source_contact_record_id, title, since)
     SELECT coalesce(said.stint_id, kept.stint_id), coalesce(said.division_id, kept.division_id), coalesce(said.record_id, kept.record_id), said.title,
            coalesce(said.updated_at, now())
       FROM said FULL JOIN kept ON kept.stint_id = said.stint_id AND kept.division_id = said.division_id
      WHERE said.title IS DISTINCT FROM kept.title`,
    [stakeholderIds],
  );
}

/**
 * Recomputes whom each stakeholder reports to from their contact records as
 * they are now: the manager named (by the source's own contact id) by the
 * latest changed record that names one already known to the hub; none when no
 * record names one any longer. So a division that changes or drops a manager
 * is followed, and another division's record that still names one keeps it.
 */
export async function refreshReportsTo(tx: EntityManager, stakeholderIds: readonly string[]): Promise<void> {
  if (stakeholderIds.length === 0) return;
  await tx.query(
    `UPDATE stakeholder st SET reports_to_id = named.boss
       FROM (
         SELECT s.id, (
           SELECT boss.stakeholder_id FROM source_contact_record c
             JOIN source_contact_record boss ON boss.division_id = c.division_id AND boss.source_system = c.source_system
              AND boss.external_id = c.raw->>'reportsToExternalId'
            WHERE c.stakeholder_id = s.id AND boss.stakeholder_id IS NOT NULL AND boss.stakeholder_id <> s.id
            ORDER BY c.updated_at DESC, c.id DESC LIMIT 1) AS boss
           FROM unnest($1::uuid[]) AS s(id)
       ) named
      WHERE st.id = named.id AND st.reports_to_id IS DISTINCT FROM named.boss`,
    [[...new Set(stakeholderIds)]],
  );
}

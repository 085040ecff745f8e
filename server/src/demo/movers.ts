import { ContactRecordInput } from '../ingest/ingest.types';
import { DemoCompany, DemoDivision } from './generator';

/** How many demo people change jobs after the divisions first recorded them. */
export const DEMO_MOVERS = 3;

export interface DemoMove {
  division: DemoDivision;
  /** The people's records as the division's system sends them after the move. */
  contacts: ContactRecordInput[];
  /** Truth ids: the customer each person left and joined. */
  moves: { personId: string; from: string; to: string }[];
}

/**
 * A few people who moved to another customer after the first division's
 * system recorded them: that system then sends their records again with the
 * new company, title and email, as a CRM does when a champion changes jobs
 * (the hub shows them at the new customer, and at the old one among the
 * people who moved on). Chosen by position, so every load picks the same.
 */
export function demoMoves(company: DemoCompany): DemoMove | null {
  const division = company.divisions[0];
  const known = company.accounts.filter((a) => a.records.some((r) => r.divisionKey === division.key));
  const moves: DemoMove['moves'] = [];
  const contacts: ContactRecordInput[] = [];
  // Spread over the customers (a customer without a person of this division is passed over).
  const spacing = Math.max(1, Math.floor(known.length / (DEMO_MOVERS + 1)));
  for (let i = 3, last = -Infinity; i < known.length && moves.length < DEMO_MOVERS; i++) {
    if (i - last < spacing) continue;
    const from = known[i];
    const to = known[(i + 11) % known.length];
    const person = from.people.find((p) => p.records.some((r) => r.divisionKey === division.key));
    const target = to.records.find((r) => r.divisionKey === division.key);
    if (!person || !target || from.id === to.id) continue;
    const record = person.records.find((r) => r.divisionKey === division.key)!;
    const { divisionKey: _d, sourceSystem: _s, reportsToExternalId: _manager, ...input } = record;
    const domain = to.domains[0];
    contacts.push({
      ...input, accountExternalId: target.externalId, title: 'Head of Procurement',
      emails: domain ? [`${person.email.slice(0, person.email.indexOf('@'))}@${domain}`] : [],
    });
    moves.push({ personId: person.id, from: from.id, to: to.id });
    last = i;
  }
  return moves.length ? { division, contacts, moves } : null;
}

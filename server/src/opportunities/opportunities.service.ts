import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../common/relay/cursor';
import { Clock } from '../critical-info/clock';
import { ListedOpportunity, OpportunitiesRepository } from './opportunities.repository';
import { Opportunity, OpportunityConnection, OpportunityFilter, OpportunityListing, OpportunityTotal } from './opportunity.types';

const ORDERING = 'account:opportunities';

/**
 * An account's opportunities, every division's, open and closed. Opportunities carry no confidentiality flag: every
 * colleague who may read the account reads them (as engagement's open opportunities).
 */
@Injectable()
export class OpportunitiesService {
  constructor(
    private readonly opportunities: OpportunitiesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Open ones first, the soonest to close first; then closed ones, the latest closed first; those without a close
   * date last in each (keyset on that order and id). `accountId` is the survivor's: a merged-away account's id
   * answers with the account it was merged into (Query.account), whose opportunities its own became. An empty list
   * in the filter does not filter, as everywhere in the API (TimelineFilter, ingest's lists).
   */
  async list(accountId: string, args: { first?: number | null; after?: string | null; filter?: OpportunityFilter | null }): Promise<OpportunityConnection> {
    const limit = pageSize(args.first);
    const after = args.after ? decodeCursor(ORDERING, args.after, ['int', 'int', 'uuid'] as const) : undefined;
    const filter = args.filter ?? {};
    const rows = await this.opportunities.listForAccount(accountId, limit, filter, after && { group: after[0], key: after[1], id: after[2] });
    return { ...toConnection(rows, limit, (o) => encodeCursor(ORDERING, [o.group, o.key, o.id]), withoutPosition), listing: { accountId, filter } };
  }

  /** The amounts of every opportunity a listing holds (all its pages), summed per currency, exactly. */
  async totals({ accountId, filter }: OpportunityListing): Promise<OpportunityTotal[]> {
    const rows = await this.opportunities.totalsForAccount(accountId, filter);
    // The filter is part of the figure's identity: the open ones' total in EUR is not every one's.
    const listed = (values: readonly string[] | null | undefined) => (values?.length ? [...new Set(values)].sort().join(',') : '*');
    const of = `${accountId}:${listed(filter.statuses)}:${listed(filter.divisionIds)}`;
    return rows.map((row) => ({ ...row, id: `${of}:${row.currency ?? ''}` }));
  }

  /**
   * Whether an opportunity is overdue: still open, and its close date is before today, the hub's day (UTC, as
   * critical info's days). One closing today is not overdue yet; one without a close date never is.
   */
  isOverdue(o: Pick<Opportunity, 'isOpen' | 'closeDate'>): boolean {
    return o.isOpen && o.closeDate !== null && o.closeDate < this.clock.now().toISOString().slice(0, 10);
  }
}

function withoutPosition({ group: _group, key: _key, ...opportunity }: ListedOpportunity): Opportunity {
  return opportunity;
}

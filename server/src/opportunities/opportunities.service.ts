import { Injectable } from '@nestjs/common';
import { ConnectionShape } from '../common/relay/connection';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../common/relay/cursor';
import { ListedOpportunity, OpportunitiesRepository } from './opportunities.repository';
import { Opportunity, OpportunityFilter } from './opportunity.types';

const ORDERING = 'account:opportunities';

/**
 * An account's opportunities, every division's, open and closed. Opportunities carry no confidentiality flag: every
 * colleague who may read the account reads them (as engagement's open opportunities).
 */
@Injectable()
export class OpportunitiesService {
  constructor(private readonly opportunities: OpportunitiesRepository) {}

  /**
   * Open ones first, the soonest to close first; then closed ones, the latest closed first; those without a close
   * date last in each (keyset on that order and id). `accountId` is the survivor's: a merged-away account's id
   * answers with the account it was merged into (Query.account), whose opportunities its own became.
   */
  async list(accountId: string, args: { first?: number | null; after?: string | null; filter?: OpportunityFilter | null }): Promise<ConnectionShape<Opportunity>> {
    const limit = pageSize(args.first);
    const after = args.after ? decodeCursor(ORDERING, args.after, ['int', 'int', 'uuid'] as const) : undefined;
    const rows = await this.opportunities.listForAccount(accountId, limit, args.filter ?? {}, after && { group: after[0], key: after[1], id: after[2] });
    return toConnection(rows, limit, (o) => encodeCursor(ORDERING, [o.group, o.key, o.id]), withoutPosition);
  }
}

function withoutPosition({ group: _group, key: _key, ...opportunity }: ListedOpportunity): Opportunity {
  return opportunity;
}

import { Injectable } from '@nestjs/common';
import { ConnectionShape } from '../common/relay/connection';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../common/relay/cursor';
import { Stakeholder, StakeholderPresence } from './stakeholder.types';
import { StakeholdersRepository } from './stakeholders.repository';

const ORDERING = 'stakeholders-by-name';

/** The customer's people as the hub knows them. */
@Injectable()
export class StakeholdersService {
  constructor(private readonly stakeholders: StakeholdersRepository) {}

  /** One account's stakeholders by name, then id (keyset pages: each person shows exactly once across pages). */
  async ofAccount(accountId: string, args: { first?: number; after?: string; presence?: StakeholderPresence }): Promise<ConnectionShape<Stakeholder>> {
    const limit = pageSize(args.first);
    const after = args.after ? afterCursor(args.after) : undefined;
    const rows = args.presence === StakeholderPresence.FORMER
      ? await this.stakeholders.formerPageOfAccount(accountId, limit, after)
      : await this.stakeholders.pageOfAccount(accountId, limit, after);
    return toConnection(rows, limit, (row) => encodeCursor(ORDERING, [row.nameKey, row.id]), ({ nameKey: _nameKey, ...stakeholder }) => stakeholder);
  }
}

function afterCursor(cursor: string): { nameKey: string; id: string } {
  const [nameKey, id] = decodeCursor(ORDERING, cursor, ['text', 'uuid'] as const);
  return { nameKey, id };
}

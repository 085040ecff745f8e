import { Injectable } from '@nestjs/common';
import { confidentialScope, TOUCHPOINT_CONTENT, visibleContent } from '../auth/confidentiality';
import { Principal } from '../auth/principal';
import { UserInputError } from '../common/errors';
import { ConnectionShape } from '../common/relay/connection';
import { decodeCursor, encodeCursor, pageSize, toConnection, withoutSortKey } from '../common/relay/cursor';
import { TimelineRepository, TouchpointRow } from './timeline.repository';
import { TimelineFilter, Touchpoint } from './touchpoint.types';

const ORDERING = 'timeline';

/** The "our customer" timeline: every division's touchpoints with an account, as the caller may see them. */
@Injectable()
export class TouchpointsService {
  constructor(private readonly timelines: TimelineRepository) {}

  async timeline(principal: Principal, accountId: string, args: { first?: number; after?: string; filter?: TimelineFilter }): Promise<ConnectionShape<Touchpoint>> {
    const limit = pageSize(args.first);
    const filter = args.filter ?? {};
    if (filter.from && filter.to && filter.from >= filter.to) throw new UserInputError('filter.to', 'an instant after filter.from');
    const rows = await this.timelines.page({
      accountId, limit, ...filter, after: args.after ? afterCursor(args.after) : undefined, readsConfidentialOf: confidentialScope(principal),
    });
    // Words that are all stop words find nothing: say so rather than answer an empty timeline (checked only then).
    const text = filter.text?.trim();
    if (rows.length === 0 && text && !(await this.timelines.searchable(text))) {
      throw new UserInputError('filter.text', `a word the search can use; "${quoted(text)}" has only words too common to search (such as "the", "and", "or") or no letters or digits`);
    }
    // The nodes keep their sortKey (no field shows it): one copy of each row fewer on every page.
    const visible = visibleContent(principal, rows, TOUCHPOINT_CONTENT);
    return toConnection(visible, limit, (t) => encodeCursor(ORDERING, [t.sortKey, t.id]), (t) => t);
  }

  /** Touchpoints as the caller may see them (for live updates and other surfaces). */
  visible(principal: Principal, rows: TouchpointRow[]): Touchpoint[] {
    return visibleContent(principal, rows, TOUCHPOINT_CONTENT).map(withoutSortKey);
  }
}

/** The words as the caller sent them, cut short in an error message. */
function quoted(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function afterCursor(cursor: string): { occurredAt: string; id: string } {
  const [occurredAt, id] = decodeCursor(ORDERING, cursor, ['instant', 'uuid'] as const);
  return { occurredAt, id };
}

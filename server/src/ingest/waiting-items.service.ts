import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, pageSize, sortKeyConnection } from '../common/relay/cursor';
import { waitingItemsSql } from './waiting-items.repository';

const ORDERING = 'waitingItems:received';

/**
 * Items waiting for their account, for admins to see what has not landed
 * and why (an account that never comes usually means the division system
 * sends another externalId for it than its touchpoints name).
 */
@Injectable()
export class WaitingItemsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(first?: number | null, after?: string | null) {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(ORDERING, after, ['instant', 'uuid'] as const) : undefined;
    return sortKeyConnection(ORDERING, await waitingItemsSql.list(this.db, limit, cursor), limit);
  }
}

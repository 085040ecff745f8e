import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, pageSize, sortKeyConnection, toConnection } from '../common/relay/cursor';
import { UserInputError } from '../common/errors';
import { isUuid } from '../common/ids';
import { childrenKey, Loaders } from '../common/loaders';
import { Account } from './account.entity';
import { ParentDecider, ParentDecision } from './account.types';
import { AccountRow, AccountsRepository } from './accounts.repository';
import { nameKey } from './name-key';

const BY_NAME = 'accounts:name';
const BY_SEARCH = 'accounts:search';
const MAX_SEARCH_LENGTH = 200;
const SOURCE_RECORDS = 'account:sourceRecords';
const CHILDREN = 'account:children';

/**
 * How the account came to be where it is in its group: a merge that moved it since (parent_moved_by: its parent was
 * merged away, or it took the place of the account merged into it), a person's decision (setAccountParent:
 * parent_decided_at, which matching never overrides) or matching's placement; null for an account without a parent
 * that nobody placed. A person's decision before a merge still keeps matching away; it no longer says where the account is.
 */
export function parentDecisionOf(
  account: Pick<Account, 'parentId' | 'parentSetBy' | 'parentDecidedAt' | 'parentPlacedAt' | 'parentReason' | 'parentMovedBy'>,
): ParentDecision | null {
  if (account.parentMovedBy) {
    return { decider: ParentDecider.MERGE, by: account.parentMovedBy, at: account.parentPlacedAt, reason: account.parentReason, cleared: account.parentId === null };
  }
  if (account.parentDecidedAt) {
    return { decider: ParentDecider.PERSON, by: account.parentSetBy, at: account.parentDecidedAt, reason: account.parentReason, cleared: account.parentId === null };
  }
  if (!account.parentId) return null;
  return { decider: ParentDecider.MATCHING, by: null, at: account.parentPlacedAt, reason: account.parentReason, cleared: false };
}

@Injectable()
export class AccountsService {
  constructor(private readonly accounts: AccountsRepository) {}

  /** A page of accounts: by name, or ranked by how well they match `search`. */
  async list(args: { search?: string | null; first?: number | null; after?: string | null }) {
    const limit = pageSize(args.first);
    if ((args.search ?? '').length > MAX_SEARCH_LENGTH) {
      throw new UserInputError('search', `at most ${MAX_SEARCH_LENGTH} characters`);
    }
    const term = nameKey(args.search ?? '');
    // Words without a letter or digit ("%", "😀") name no account: none match, not all of them (found by exploratory testing).
    if (!term && (args.search ?? '').trim() !== '') return toConnection<AccountRow, Account>([], limit, () => '', (row) => row as Account);
    // The search term is part of the ordering, so a cursor only continues the same search.
    const ordering = term ? `${BY_SEARCH}:${term}` : BY_NAME;
    let rows: AccountRow[];
    if (term) {
      const after = args.after ? (decodeCursor(ordering, args.after, ['number', 'number', 'text', 'uuid'] as const)) : undefined;
      rows = await this.accounts.search(term, limit, after);
    } else {
      const after = args.after ? (decodeCursor(ordering, args.after, ['text', 'uuid'] as const)) : undefined;
      rows = await this.accounts.listByName(limit, after);
    }
    return toConnection(rows, limit, (row) => encodeCursor(ordering, row.sortKey), ({ sortKey: _sortKey, ...account }) => account as Account);
  }

  get(id: string): Promise<Account | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.accounts.findById(id);
  }

  /** The account a change names by `argument`: null when none; a merged-away one is refused naming its survivor (findForChange). */
  getForChange(id: string, argument: string): Promise<Account | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.accounts.findForChange(id, argument);
  }

  /** getForChange in the transaction that writes for the account, which it locks (AccountsRepository.lockForChange). */
  lockForChange(tx: EntityManager, id: string, argument: string): Promise<Account | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.accounts.lockForChange(tx, id, argument);
  }

  /** A page of the account's children by name (through the request's loader: the children of many accounts load at once), with totalCount. */
  async children(loaders: Loaders, accountId: string, first?: number | null, after?: string | null) {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(CHILDREN, after, ['text', 'uuid'] as const) : undefined;
    const { rows, totalCount } = await loaders.childrenOfAccount.load(childrenKey(accountId, limit, cursor));
    const page = toConnection(rows, limit, (row) => encodeCursor(CHILDREN, row.sortKey), ({ sortKey: _sortKey, ...account }) => account as Account);
    return { ...page, totalCount };
  }

  /** The divisions' records of an account, with how each is linked. */
  async sourceRecords(accountId: string, first?: number | null, after?: string | null) {
    const limit = pageSize(first);
    const cursor = after ? (decodeCursor(SOURCE_RECORDS, after, ['instant', 'uuid'] as const)) : undefined;
    const rows = await this.accounts.sourceRecords(accountId, limit, cursor);
    return sortKeyConnection(SOURCE_RECORDS, rows, limit);
  }
}

import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Account } from '../accounts/account.entity';
import { AccountRow, AccountsRepository } from '../accounts/accounts.repository';
import { Colleague } from '../colleagues/colleague.entity';
import { ColleaguesRepository } from '../colleagues/colleagues.repository';
import { Division } from '../divisions/division.entity';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { OpportunitiesRepository } from '../opportunities/opportunities.repository';
import { Opportunity } from '../opportunities/opportunity.types';
import { Stakeholder, StakeholderActivity, StakeholderAffiliation } from '../stakeholders/stakeholder.types';
import { StakeholdersRepository } from '../stakeholders/stakeholders.repository';

/** DataLoaders, created fresh for every request so no cache outlives it. */
export interface Loaders {
  account: DataLoader<string, Account | null>;
  division: DataLoader<string, Division>;
  divisionsOfAccount: DataLoader<string, Division[]>;
  namesOfAccount: DataLoader<string, { divisionId: string; name: string }[]>;
  /** By account id: the registry or tax ids it gives, as first written (registryIdsOf). */
  registryIdsOfAccount: DataLoader<string, string[]>;
  colleague: DataLoader<string, Colleague | null>;
  /** By lower-case email: touchpoints name our people by email, resolved when read. */
  colleagueByEmail: DataLoader<string, Colleague | null>;
  stakeholder: DataLoader<string, Stakeholder | null>;
  /** By `divisionId|sourceSystem|externalId` of a contact record. */
  stakeholderByContact: DataLoader<string, Stakeholder | null>;
  /** By `accountId|stakeholderId`: a person's affiliation at an account that is not their latest one (null: never there). */
  affiliationAtAccount: DataLoader<string, { title: string | null } | null>;
  /** By `accountId|opportunityId`. */
  opportunity: DataLoader<string, Opportunity | null>;
  /** By `accountId|stakeholderId`: which divisions and colleagues deal with the person there, and how lately. */
  stakeholderActivity: DataLoader<string, StakeholderActivity>;
  /** By stakeholder id: every account the person was recorded at. */
  affiliationsOfStakeholder: DataLoader<string, StakeholderAffiliation[]>;
  /** By childrenKey (page size, the child after which it starts, account): a page of the account's children, and how many it has. */
  childrenOfAccount: DataLoader<string, { rows: AccountRow[]; totalCount: number }>;
  /** By account id: the id of the head of its group; null when it has no parent. */
  groupHeadOfAccount: DataLoader<string, string | null>;
}

/** The key of a page of an account's children: the accounts asking for the same page size after the same child load at once. */
export function childrenKey(accountId: string, limit: number, after?: [string, string]): string {
  return JSON.stringify([limit, after?.[0] ?? null, after?.[1] ?? null, accountId]);
}

/** The values a `loadMany` found, in order: keys it did not find (null) or failed on are left out. */
export function found<V>(loaded: readonly (V | null | Error)[]): V[] {
  return loaded.filter((v): v is V => v !== null && !(v instanceof Error));
}

/** A DataLoader over a repository's batch lookup that answers null for keys it did not find. */
function lookup<V>(batch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader(async (keys) => {
    const found = await batch(keys);
    return keys.map((key) => found.get(key) ?? null);
  });
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly divisions: DivisionsRepository,
    private readonly colleagues: ColleaguesRepository,
    private readonly stakeholders: StakeholdersRepository,
    private readonly opportunities: OpportunitiesRepository,
  ) {}

  create(): Loaders {
    return {
      account: lookup((ids) => this.accounts.findByIds(ids)),
      colleague: lookup((ids) => this.colleagues.findByIds(ids)),
      colleagueByEmail: lookup((emails) => this.colleagues.findByEmails(emails)),
      stakeholder: lookup((ids) => this.stakeholders.findByIds(ids)),
      stakeholderByContact: lookup((keys) => this.stakeholders.findByContacts(keys)),
      affiliationAtAccount: lookup((keys) => this.stakeholders.titlesAt(keys)),
      opportunity: lookup((keys) => this.opportunities.findByKeys(keys.map((k) => ({ accountId: k.split('|')[0], id: k.split('|')[1] })))),
      division: new DataLoader(async (ids) => {
        const byId = await this.divisions.findByIds(ids);
        return ids.map((id) => byId.get(id) ?? new Error(`Division ${id} not found`));
      }),
      divisionsOfAccount: new DataLoader(async (ids) => {
        const byAccount = await this.accounts.divisionsKnowing(ids);
        return ids.map((id) => byAccount.get(id) ?? []);
      }),
      registryIdsOfAccount: new DataLoader(async (ids) => {
        const byAccount = await this.accounts.registryIds(ids);
        return ids.map((id) => (byAccount.get(id) ?? []).map((r) => r.given));
      }),
      namesOfAccount: new DataLoader(async (ids) => {
        const byAccount = await this.accounts.namesByDivision(ids);
        return ids.map((id) => byAccount.get(id) ?? []);
      }),
      stakeholderActivity: new DataLoader(async (keys) => {
        const byKey = await this.stakeholders.activity(keys.map((k) => ({ accountId: k.split('|')[0], stakeholderId: k.split('|')[1] })));
        return keys.map((k) => byKey.get(k) ?? { divisionIds: [], colleagueIds: [], lastTouch: null, touchCount: 0 });
      }),
      childrenOfAccount: new DataLoader(async (keys) => {
        // Keys asking for the same page (size, after) load together; usually all of them (first pages).
        const pages = new Map<string, { limit: number; after?: [string, string]; ids: string[] }>();
        for (const key of keys) {
          const [limit, afterKey, afterId, id] = JSON.parse(key) as [number, string | null, string | null, string];
          const page = JSON.stringify([limit, afterKey, afterId]);
          if (!pages.has(page)) pages.set(page, { limit, after: afterId !== null ? [afterKey!, afterId] : undefined, ids: [] });
          pages.get(page)!.ids.push(id);
        }
        const found = new Map<string, { rows: AccountRow[]; totalCount: number }>();
        for (const { limit, after, ids } of pages.values()) {
          for (const [id, children] of await this.accounts.childrenOf(ids, limit, after)) found.set(childrenKey(id, limit, after), children);
        }
        return keys.map((k) => found.get(k) ?? { rows: [], totalCount: 0 });
      }),
      groupHeadOfAccount: new DataLoader(async (ids) => {
        const heads = await this.accounts.groupHeads(ids);
        return ids.map((id) => heads.get(id) ?? null);
      }),
      affiliationsOfStakeholder: new DataLoader(async (ids) => {
        const byStakeholder = await this.stakeholders.affiliations(ids);
        return ids.map((id) => byStakeholder.get(id) ?? []);
      }),
    };
  }
}

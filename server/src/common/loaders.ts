import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Division } from '../divisions/division.entity';
import { DivisionsRepository } from '../divisions/divisions.repository';

/** DataLoaders, created fresh for every request so no cache outlives it. */
export interface Loaders {
  account: DataLoader<string, Account | null>;
  division: DataLoader<string, Division>;
  divisionsOfAccount: DataLoader<string, Division[]>;
  namesOfAccount: DataLoader<string, { divisionId: string; name: string }[]>;
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly divisions: DivisionsRepository,
  ) {}

  create(): Loaders {
    return {
      account: new DataLoader(async (ids) => {
        const byId = await this.accounts.findByIds(ids);
        return ids.map((id) => byId.get(id) ?? null);
      }),
      division: new DataLoader(async (ids) => {
        const byId = await this.divisions.findByIds(ids);
        return ids.map((id) => byId.get(id) ?? new Error(`Division ${id} not found`));
      }),
      divisionsOfAccount: new DataLoader(async (ids) => {
        const byAccount = await this.accounts.divisionsKnowing(ids);
        return ids.map((id) => byAccount.get(id) ?? []);
      }),
      namesOfAccount: new DataLoader(async (ids) => {
        const byAccount = await this.accounts.namesByDivision(ids);
        return ids.map((id) => byAccount.get(id) ?? []);
      }),
    };
  }
}

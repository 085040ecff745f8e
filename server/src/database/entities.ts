import { Account } from '../accounts/account.entity';
import { SourceAccountRecord } from '../accounts/source-account-record.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { Division } from '../divisions/division.entity';

/** Every TypeORM entity of the hub; the data source and the app module share this list. */
export const ENTITIES = [Division, Colleague, Account, SourceAccountRecord];

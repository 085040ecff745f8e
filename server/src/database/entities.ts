import { Account } from '../accounts/account.entity';
import { Colleague } from '../colleagues/colleague.entity';
import { Division } from '../divisions/division.entity';

/**
 * The reference tables and the account, mapped as TypeORM entities (the schema
 * test checks them against the migrations). The ingest tables are owned by
 * hand-written SQL in their repositories.
 * The data source and the app module share this list.
 */
export const ENTITIES = [Division, Colleague, Account];

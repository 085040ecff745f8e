import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { Clock } from '../critical-info/clock';
import { IdentityResolver, MatchReviewResolver, MatchSideResolver } from './identity.resolver';
import { IdentityService } from './identity.service';

/** Match reviews, merges and splits: the person's side of identity resolution. */
@Module({ imports: [AccountsModule], providers: [Clock, IdentityService, IdentityResolver, MatchReviewResolver, MatchSideResolver] })
export class IdentityModule {}

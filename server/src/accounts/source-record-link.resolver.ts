import { Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { accountAutoLinkOf } from '../matching/rules';
import { SourceRecordLink } from './source-record.types';

/** The threshold comes from the rules version stored with the link, so a link made under older rules reads against its own. */
@Resolver(() => SourceRecordLink)
export class SourceRecordLinkResolver {
  @ResolveField(() => Float, { nullable: true })
  autoLinkThreshold(@Parent() link: SourceRecordLink): number | null {
    return accountAutoLinkOf(link.ruleVersion);
  }
}

import { Query, Resolver } from '@nestjs/graphql';
import { Division } from './division.entity';
import { DivisionsService } from './divisions.service';

@Resolver(() => Division)
export class DivisionsResolver {
  constructor(private readonly service: DivisionsService) {}

  @Query(() => [Division], { description: 'All divisions of our company, by name.' })
  divisions() {
    return this.service.list();
  }
}

import { Module } from '@nestjs/common';
import { DivisionsModule } from '../divisions/divisions.module';
import { IntegrationTokensRepository } from './integration-tokens.repository';
import { IntegrationTokensResolver } from './integration-tokens.resolver';
import { IntegrationTokensService } from './integration-tokens.service';

@Module({
  imports: [DivisionsModule],
  providers: [IntegrationTokensRepository, IntegrationTokensService, IntegrationTokensResolver],
})
export class IntegrationsModule {}

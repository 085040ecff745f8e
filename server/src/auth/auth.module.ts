import { Module } from '@nestjs/common';
import { ColleaguesModule } from '../colleagues/colleagues.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { AuthRepository } from './auth.repository';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { SessionCache } from './session-cache';

@Module({
  imports: [ColleaguesModule, DivisionsModule],
  controllers: [OidcController],
  providers: [AuthRepository, SessionCache, AuthService, AuthResolver, OidcService],
  exports: [AuthService],
})
export class AuthModule {}

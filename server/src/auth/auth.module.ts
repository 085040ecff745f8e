import { Module } from '@nestjs/common';
import { ColleaguesModule } from '../colleagues/colleagues.module';
import { AuthRepository } from './auth.repository';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';

@Module({
  imports: [ColleaguesModule],
  providers: [AuthRepository, AuthService, AuthResolver],
  exports: [AuthService],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { LoadersFactory } from './loaders';

@Module({
  imports: [AccountsModule, DivisionsModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory],
})
export class LoadersModule {}

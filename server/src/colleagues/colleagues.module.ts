import { Module } from '@nestjs/common';
import { DivisionsModule } from '../divisions/divisions.module';
import { ColleaguesRepository } from './colleagues.repository';
import { ColleaguesResolver } from './colleagues.resolver';
import { ColleaguesService } from './colleagues.service';

@Module({
  imports: [DivisionsModule],
  providers: [ColleaguesRepository, ColleaguesService, ColleaguesResolver],
  exports: [ColleaguesRepository, ColleaguesService],
})
export class ColleaguesModule {}

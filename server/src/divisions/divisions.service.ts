import { Injectable } from '@nestjs/common';
import { Division } from './division.entity';
import { DivisionsRepository } from './divisions.repository';

@Injectable()
export class DivisionsService {
  constructor(private readonly divisions: DivisionsRepository) {}

  list(): Promise<Division[]> {
    return this.divisions.all();
  }
}

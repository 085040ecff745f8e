import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** GET /health: ok only when the database answers. For load balancers and operators. */
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  async check(): Promise<{ status: 'ok'; database: 'ok' }> {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new HttpException({ status: 'error', database: 'unreachable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', database: 'ok' };
  }
}

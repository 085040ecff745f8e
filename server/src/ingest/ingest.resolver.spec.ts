import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { IngestResolver } from './ingest.resolver';

describe('IngestResolver', () => {
  // The global pipe (app.module.ts) would copy the whole batch with class-transformer, item by item; ingest
  // validates every item itself and rejects a bad one alone, with its path and reason (validation.ts).
  it('hands the batch over as GraphQL coerced it: the global ValidationPipe passes it through untouched', async () => {
    const [batchType] = Reflect.getMetadata('design:paramtypes', IngestResolver.prototype, 'ingest') as unknown[];
    expect(batchType).toBe(Object);
    const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    const batch = Object.assign(Object.create(null), {
      division: 'exhibits', sourceSystem: 'crm',
      touchpoints: [Object.assign(Object.create(null), { externalId: 't', accountExternalId: 'a', type: 'CALL', occurredAt: new Date() })],
    });
    await expect(pipe.transform(batch, { type: 'body', metatype: batchType as never, data: undefined })).resolves.toBe(batch);
  });
});

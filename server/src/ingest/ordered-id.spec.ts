import { orderedId } from './ordered-id';

// What ingest relies on (see ordered-id.ts): the index locality and blocking's arrival order need ids that sort as they were made.
describe('orderedId', () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes version 7 UUIDs that carry the time they were made', () => {
    const before = Date.now();
    const id = orderedId();
    const at = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(id).toMatch(UUID_V7);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('makes ids that sort (as PostgreSQL sorts uuids: byte by byte) in the order they were made, within a millisecond too', () => {
    const ids = Array.from({ length: 20_000 }, () => orderedId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

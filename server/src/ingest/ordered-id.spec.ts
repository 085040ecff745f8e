import { orderedId } from './ordered-id';

describe('orderedId', () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes version 7 UUIDs that carry the time they were made', () => {
    const at = Date.UTC(2100, 0, 1, 8, 0, 0, 123);
    const id = orderedId(at + 10_000);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at + 10_000);
  });

  it('makes ids that sort (as PostgreSQL sorts uuids: byte by byte) in the order they were made, within a millisecond too', () => {
    const now = Date.now() + 60_000;
    const ids = Array.from({ length: 5000 }, (_, i) => orderedId(now + Math.floor(i / 1000)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('keeps the order when the clock goes back', () => {
    const now = Date.now() + 120_000;
    const before = orderedId(now);
    const after = orderedId(now - 5_000);
    expect(after > before).toBe(true);
  });
});

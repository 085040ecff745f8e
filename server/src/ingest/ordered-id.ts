import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered UUIDs (version 7, RFC 9562) for the rows ingest creates in
 * bulk (account records, accounts): 48 bits of Unix milliseconds, then a
 * 42-bit counter that starts at a random value each millisecond (method 3 of
 * the RFC: ids made by one process are strictly increasing), then 32 random
 * bits. A random UUID puts every new row at a random place of each index
 * that starts with it, so each insert touches a leaf page of its own; these
 * go to the right edge, a few pages per batch. They also make the order in
 * which blocking reads the holders of a key (by record id) the order in which
 * records arrived, instead of a random one.
 */
let lastMs = 0;
let counter = 0;
const COUNTER_BITS = 42;
const COUNTER_LIMIT = 2 ** COUNTER_BITS;

// Random bits drawn a few kilobytes at a time: one call per id into the system's generator cost more than the rest of the id.
const pool = Buffer.alloc(4096);
let used = pool.length;
function random(bytes: number): number {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const value = pool.readUIntBE(used, bytes);
  used += bytes;
  return value;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/** The next id: later than every id this process made before (the clock going back does not break the order). */
export function orderedId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Half the range at most: room for 2^41 more ids within the millisecond.
    counter = random(6) % 2 ** (COUNTER_BITS - 1);
  } else if (++counter >= COUNTER_LIMIT) {
    lastMs += 1;
    counter = 0;
  }
  const high = Math.floor(counter / 2 ** 30);
  const low = counter % 2 ** 30;
  const tail = random(4);
  // time_high(32) time_low(16) | ver 7 + 12 counter bits | var 10 + 14 counter bits | 16 counter bits + 32 random bits
  return [
    hex(Math.floor(lastMs / 2 ** 16), 8),
    hex(lastMs % 2 ** 16, 4),
    hex(0x7000 | high, 4),
    hex(0x8000 | Math.floor(low / 2 ** 16), 4),
    hex(low % 2 ** 16, 4) + hex(tail, 8),
  ].join('-');
}

import { Injectable } from '@nestjs/common';

/**
 * "Now", as a provider: statuses (OK → STALE) depend on it, so tests replace
 * it (`{ provide: Clock, useValue: fixedClock(...) }`) instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that says what it is told, for tests. */
export function fixedClock(at: Date): Clock & { set(at: Date): void; advanceDays(days: number): void } {
  let current = at;
  return {
    now: () => new Date(current.getTime()),
    set: (next: Date) => {
      current = next;
    },
    advanceDays: (days: number) => {
      current = new Date(current.getTime() + days * 86_400_000);
    },
  };
}

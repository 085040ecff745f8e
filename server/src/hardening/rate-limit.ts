import { GraphQLError } from 'graphql';
import { Principal } from '../auth/principal';

/**
 * A fixed-window limit per caller (colleague, integration token, admin token,
 * or the client address of anonymous requests), per server instance.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(principal: Principal, ip: string | undefined): void {
    const key = principal.kind === 'colleague' ? `c:${principal.id}` : principal.kind === 'integration' ? `t:${principal.tokenId}` : principal.kind === 'admin-token' ? 'admin' : `ip:${ip ?? '?'}`;
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 100_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.perMinute) {
      const seconds = Math.ceil((window.start + 60_000 - now) / 1000);
      throw new GraphQLError(`Too many requests: at most ${this.perMinute} a minute; try again in ${seconds} s.`, {
        extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } },
      });
    }
  }
}

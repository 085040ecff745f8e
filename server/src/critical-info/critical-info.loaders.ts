import DataLoader from 'dataloader';
import { RequestContext } from '../common/request-context';
import { Touchpoint } from '../touchpoints/touchpoint.types';
import { AccountRef, CriticalInfoService } from './critical-info.service';
import { AccountCriticalInfo } from './critical-info.types';

/**
 * This feature's DataLoaders, created on first use in a request and kept with
 * the request's context (so none outlives it), without widening the shared
 * Loaders of every request.
 */
const perRequest = new WeakMap<RequestContext, Map<string, unknown>>();

function scoped<T>(ctx: RequestContext, name: string, create: () => T): T {
  let mine = perRequest.get(ctx);
  if (!mine) perRequest.set(ctx, (mine = new Map()));
  if (!mine.has(name)) mine.set(name, create());
  return mine.get(name) as T;
}

/** "Now" for this request: every field of one request computes statuses at the same instant. */
export function requestNow(ctx: RequestContext, service: CriticalInfoService): Date {
  return scoped(ctx, 'now', () => service.now());
}

/** Accounts' critical info, batched: one statement for every account of the request. */
export function criticalInfoLoader(ctx: RequestContext, service: CriticalInfoService, asOf: Date, includeRetired: boolean): DataLoader<AccountRef, AccountCriticalInfo, string> {
  return scoped(ctx, `view|${asOf.toISOString()}|${includeRetired}`, () =>
    new DataLoader<AccountRef, AccountCriticalInfo, string>((accounts) => service.views(accounts, asOf, includeRetired), { cacheKeyFn: (a) => a.id }));
}

/** Source touchpoints by `accountId|id`, as the caller may see them (see CriticalInfoService.sourceTouchpoints). */
export function sourceTouchpointLoader(ctx: RequestContext, service: CriticalInfoService): DataLoader<string, Touchpoint | null> {
  return scoped(ctx, 'touchpoint', () => new DataLoader<string, Touchpoint | null>(async (keys) => {
    const found = await service.sourceTouchpoints(ctx.principal, keys.map((k) => ({ accountId: k.split('|')[0], id: k.split('|')[1] })));
    return keys.map((k) => found.get(k) ?? null);
  }));
}

/** Whether the caller deals with an account, by account id: one statement for every account of the request (none for managers and admins). */
export function dealtWithLoader(ctx: RequestContext, service: CriticalInfoService): DataLoader<string, boolean> {
  return scoped(ctx, 'dealtWith', () => new DataLoader<string, boolean>(async (ids) => {
    const dealt = await service.accountsDealtWith(ctx.principal, ids);
    return ids.map((id) => dealt.has(id));
  }));
}

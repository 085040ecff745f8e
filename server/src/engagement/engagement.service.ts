import { Injectable } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { UserInputError } from '../common/errors';
import { Touchpoint } from '../touchpoints/touchpoint.types';
import { TouchpointsService } from '../touchpoints/touchpoints.service';
import { Caller, ColleagueFigures, DivisionFigures, EngagementFigures, EngagementRepository } from './engagement.repository';
import { AccountEngagement, ActivityMonth, ActivitySinceMyLastTouch, ColleagueEngagement, DivisionEngagement } from './engagement.types';

export const MAX_LATEST = 50;
export const MAX_MONTHS = 120;

/**
 * "Who else is talking": per division and per colleague, from the account's
 * touchpoints. Counts and the fact that a touchpoint happened are for every
 * colleague; touchpoint content goes through the confidentiality rule
 * (TouchpointsService.visible) like everywhere else.
 */
@Injectable()
export class EngagementService {
  constructor(
    private readonly engagement: EngagementRepository,
    private readonly touchpoints: TouchpointsService,
  ) {}

  /** `people`: whether the divisions' and colleagues' stakeholders are asked for (else they come back empty). */
  async ofAccount(principal: Principal, accountId: string, people = true): Promise<AccountEngagement> {
    const caller = callerOf(principal);
    const figures = await this.engagement.figures(accountId, caller, { people });
    return {
      id: accountId,
      asOf: figures.asOf,
      divisions: figures.divisions.map((d) => divisionEngagement(accountId, d)),
      colleagues: figures.colleagues.map((c) => colleagueEngagement(accountId, c)),
      sinceMyLastTouch: caller && principal.kind === 'colleague' ? sinceMyLastTouch(accountId, principal.id, caller, figures) : null,
    };
  }

  /** The latest touchpoints counted in `since`, newest first, as the caller may see them. */
  async latestSince(principal: Principal, since: ActivitySinceMyLastTouch, first: number | null): Promise<Touchpoint[]> {
    if (first === null || !Number.isInteger(first) || first < 1 || first > MAX_LATEST) throw new UserInputError('first', `an integer from 1 to ${MAX_LATEST}`);
    if (since.touchCount === 0) return [];
    const rows = await this.engagement.latestOfOthers({
      accountId: since.accountId, exceptDivisionId: since.divisionId, after: since.myLastTouch, asOf: since.asOf, limit: first,
    });
    return this.touchpoints.visible(principal, rows);
  }

  /** The activity chart: every month of the window, oldest first, with its touchpoints per division. */
  async activityByMonth(accountId: string, months: number | null): Promise<ActivityMonth[]> {
    if (months === null || !Number.isInteger(months) || months < 1 || months > MAX_MONTHS) throw new UserInputError('months', `an integer from 1 to ${MAX_MONTHS}`);
    const byMonth = new Map<string, ActivityMonth>();
    for (const row of await this.engagement.monthly(accountId, months)) {
      const id = `${accountId}:${row.month}`;
      const month = byMonth.get(row.month) ?? { id, month: row.month, startsAt: row.startsAt, touchCount: 0, divisions: [] };
      byMonth.set(row.month, month);
      if (row.divisionId === null) continue;
      month.touchCount += row.count;
      month.divisions.push({ id: `${id}:${row.divisionId}`, divisionId: row.divisionId, touchCount: row.count });
    }
    return [...byMonth.values()];
  }
}

/** Only a signed-in colleague has a "last touch" of their own (the admin token has no email on touchpoints). */
function callerOf(principal: Principal): Caller | null {
  return principal.kind === 'colleague' ? { email: principal.email.toLowerCase(), divisionId: principal.divisionId } : null;
}

function divisionEngagement(accountId: string, d: DivisionFigures): DivisionEngagement {
  const id = `${accountId}:${d.divisionId}`;
  return {
    id, accountId, divisionId: d.divisionId,
    // Several records of one division may name the same owner.
    ownerIds: [...new Set(d.ownerIds)], ownerEmails: d.ownerEmails,
    colleagueIds: d.colleagueIds, stakeholderIds: d.stakeholderIds, openOpportunityIds: d.openOpportunityIds,
    touchCount: d.touchCount, firstTouch: d.firstTouch, lastTouch: d.lastTouch, nextPlannedTouch: d.nextPlannedTouch,
    touchCountsByType: d.byType.map((t) => ({ id: `${id}:${t.type}`, type: t.type, count: t.count })),
    openOpportunityCount: d.openOpportunityIds.length,
    openOpportunityTotals: d.openTotals.map((t) => ({ id: `${id}:${t.currency ?? ''}`, currency: t.currency, amount: t.amount, amountText: t.amountText, opportunityCount: t.count })),
  };
}

function colleagueEngagement(accountId: string, c: ColleagueFigures): ColleagueEngagement {
  return {
    id: `${accountId}:${c.colleagueId}`, colleagueId: c.colleagueId, divisionId: c.divisionId, stakeholderIds: c.stakeholderIds,
    lastTouch: c.lastTouch, touchCount: c.touchCount, touchesLast90Days: c.last90, touchesLast365Days: c.last365,
  };
}

function sinceMyLastTouch(accountId: string, colleagueId: string, caller: Caller, f: EngagementFigures): ActivitySinceMyLastTouch {
  const id = `${accountId}:${colleagueId}`;
  return {
    id, accountId, divisionId: caller.divisionId, asOf: f.asOf, myLastTouch: f.myLastTouch,
    touchCount: f.news.reduce((sum, n) => sum + n.count, 0),
    divisions: f.news.map((n) => ({ id: `${id}:${n.divisionId}`, divisionId: n.divisionId, touchCount: n.count, lastTouch: n.lastTouch })),
  };
}

import { isAdmin, Principal } from './principal';

/** Anything whose content belongs to one division and may be marked confidential (touchpoints, exports…). */
export interface DivisionContent {
  divisionId: string;
  confidential: boolean;
}

/**
 * The one rule for reading content: admins read everything; a colleague reads
 * non-confidential content of every division and confidential content of their
 * own division only; integrations and anonymous callers read none.
 */
export function mayReadContent(principal: Principal, item: DivisionContent): boolean {
  if (isAdmin(principal)) return true;
  if (principal.kind !== 'colleague') return false;
  return !item.confidential || item.divisionId === principal.divisionId;
}

/**
 * The one way content leaves the service layer: the listed content fields are
 * nulled where the caller may not read them, and `contentHidden` says so — the
 * fact that the item happened (when, who, which division) stays visible.
 * Timeline, search, engagement, briefings, subscriptions and exports all pass
 * their items through here.
 */
export function visibleContent<T extends DivisionContent, K extends keyof T>(
  principal: Principal,
  items: readonly T[],
  contentFields: readonly K[],
): (Omit<T, K> & { [P in K]: T[P] | null } & { contentHidden: boolean })[] {
  return items.map((item) => {
    if (mayReadContent(principal, item)) return { ...item, contentHidden: false };
    const hidden = { ...item, contentHidden: true } as T & { contentHidden: boolean };
    for (const field of contentFields) (hidden as Record<K, unknown>)[field] = null;
    return hidden;
  });
}

/** Whose confidential content the caller may read (and so search or count): every division's, or one's own. */
export function confidentialScope(principal: Principal): 'ALL' | { divisionId: string } {
  if (isAdmin(principal)) return 'ALL';
  return { divisionId: principal.kind === 'colleague' ? principal.divisionId : '' };
}

/**
 * The content fields of a touchpoint: what confidentiality withholds. The opportunity it was part of is content
 * too: its name and amount say what the talk was about (found by exploratory testing: "Project Nightjar", 25 M EUR,
 * showed on a confidential meeting whose subject was withheld).
 */
export const TOUCHPOINT_CONTENT = ['subject', 'summary', 'outcome', 'opportunityId'] as const;

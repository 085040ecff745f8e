import { NoticeData, NoticeKind } from './notice.types';

/** What rendering a notice needs to know besides the notice. */
export interface NoticeNames {
  account: string | null;
  divisions: string[];
}

const day = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString().slice(0, 10) : 'never');
const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/**
 * The title and message of a notice, in plain words. They name divisions,
 * accounts, counts and dates only — never a touchpoint's content, which may be
 * confidential to its division.
 */
export function noticeText(kind: NoticeKind, data: NoticeData, occurrences: number, names: NoticeNames): { title: string; message: string } {
  const account = names.account ?? 'an account';
  switch (kind) {
    case NoticeKind.OTHER_DIVISION_TOUCH:
      return {
        title: `${list(names.divisions)} touched ${account}`,
        message: `${occurrences} touchpoint${occurrences === 1 ? '' : 's'} by ${list(names.divisions)}, the latest on ${day(data.lastAt)}. Open the timeline to see what happened.`,
      };
    case NoticeKind.ACCOUNT_SILENT:
      return {
        title: `${account} has gone silent`,
        message: `No touchpoint from any division for ${data.silentDays ?? '?'} days (last: ${day(data.lastTouchAt)}). Time to get in touch?`,
      };
    case NoticeKind.MATCH_REVIEW_WAITING:
      return {
        title: 'Matches wait for review',
        message: `${data.open ?? occurrences} possible duplicate${data.open === 1 ? '' : 's'} wait for a person to decide (${occurrences} new today).`,
      };
    case NoticeKind.UPCOMING_COLLISION:
      return {
        title: `${list(names.divisions)} both plan to meet ${account}`,
        message: `Planned on ${[...(data.plannedAt ?? [])].sort().map(day).join(' and ')}${data.sameStakeholder ? ', with the same stakeholder' : ''}. Talk to each other before the meetings.`,
      };
    case NoticeKind.CRITICAL_INFO_CONFLICT:
      return {
        title: `Divisions disagree about ${account}`,
        message: `${list(names.divisions)} hold different values for "${data.fieldLabel ?? 'a critical-info field'}". Resolve it on the account page.`,
      };
  }
}

import type { NoticeKind } from '../gql/graphql';

/** What each kind of notice is called, and its badge colour. */
export const NOTICE_KINDS: Record<NoticeKind, { label: string; color: string }> = {
  OTHER_DIVISION_TOUCH: { label: 'Another division touched', color: 'blue' },
  ACCOUNT_SILENT: { label: 'Gone silent', color: 'orange' },
  CRITICAL_INFO_CONFLICT: { label: 'Conflicting facts', color: 'red' },
  MATCH_REVIEW_WAITING: { label: 'Match to review', color: 'grape' },
  UPCOMING_COLLISION: { label: 'Meetings about to collide', color: 'pink' },
};

export function noticeKind(kind: NoticeKind | string): { label: string; color: string } {
  return NOTICE_KINDS[kind as NoticeKind] ?? { label: kind, color: 'gray' };
}

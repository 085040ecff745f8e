import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTime } from '../common/date-time.scalar';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Account } from '../accounts/account.entity';
import { Connection } from '../common/relay/connection';

export enum NoticeKind {
  OTHER_DIVISION_TOUCH = 'OTHER_DIVISION_TOUCH',
  ACCOUNT_SILENT = 'ACCOUNT_SILENT',
  MATCH_REVIEW_WAITING = 'MATCH_REVIEW_WAITING',
  UPCOMING_COLLISION = 'UPCOMING_COLLISION',
  CRITICAL_INFO_CONFLICT = 'CRITICAL_INFO_CONFLICT',
}

registerEnumType(NoticeKind, {
  name: 'NoticeKind',
  description: 'What a notice tells.',
  valuesMap: {
    OTHER_DIVISION_TOUCH: { description: 'Another division touched an account you own or watch (one notice per account per day, counting the touches).' },
    ACCOUNT_SILENT: { description: 'Nobody from any division has touched an account you own or watch for the configured number of days.' },
    MATCH_REVIEW_WAITING: { description: 'Identity resolution queued matches for a person to review (admins).' },
    UPCOMING_COLLISION: { description: 'Two divisions plan to meet the same account or the same stakeholder within a few days of each other: talk first.' },
    CRITICAL_INFO_CONFLICT: { description: 'Divisions disagree about a critical-info field of an account you own or watch.' },
  },
});

/** A notice as stored; title and message are rendered when read. */
@ObjectType({ description: 'Something a colleague should see: another division touched their account, an account went silent, meetings about to collide…' })
export class Notice {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  colleagueId: string;
  accountId: string | null;
  data: NoticeData;

  @Field(() => NoticeKind, { description: 'What the notice tells.' })
  kind: NoticeKind;

  @Field(() => Int, { description: 'How many events it groups (e.g. touches by other divisions that day).' })
  occurrences: number;

  @Field(() => DateTime, { description: 'When it was first raised.' })
  createdAt: Date;

  @Field(() => DateTime, { description: 'When it was last raised or grew (notices are listed newest first by this).' })
  updatedAt: Date;

  @Field(() => DateTime, { nullable: true, description: 'When you marked it read; null while unread (a grouped notice that grows becomes unread again).' })
  readAt: Date | null;
}

/** What a notice remembers, by kind. */
export interface NoticeData {
  divisionIds?: string[];
  touchpointIds?: string[];
  lastAt?: string;
  plannedAt?: string[];
  sameStakeholder?: boolean;
  open?: number;
  lastTouchAt?: string | null;
  silentDays?: number;
  fieldLabel?: string;
}

@ObjectType({ description: 'A page of notices, newest first.' })
export class NoticeConnection extends Connection(Notice, 'notice') {}

@InputType({ description: 'Which notices to mark read.' })
export class MarkNoticesReadInput {
  @Field(() => [ID], { nullable: true, description: 'The notices to mark read (yours only; others are ignored and reported).' })
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true })
  ids?: string[];

  @Field({ nullable: true, description: 'True: mark every notice of yours read.' })
  @IsOptional() @IsBoolean()
  all?: boolean;
}

@ObjectType({ description: 'What markNoticesRead did.' })
export class MarkNoticesReadPayload {
  @Field(() => [ID], { description: 'The notices now marked read.' })
  markedIds: string[];

  @Field(() => [ID], { description: 'Ids given that are not notices of yours: nothing was done with them.' })
  unknownIds: string[];

  @Field(() => Int, { description: 'Your unread notices left.' })
  unreadCount: number;
}

@InputType({ description: 'The account to start or stop watching.' })
export class WatchAccountInput {
  @Field(() => ID, { description: 'The account.' })
  @IsUUID('all')
  accountId: string;
}

@ObjectType({ description: 'What watchAccount or unwatchAccount did.' })
export class WatchAccountPayload {
  @Field(() => Account, { description: 'The account (the survivor, if the id was merged away).' })
  account: Account;

  @Field({ description: 'True when you now watch the account.' })
  watching: boolean;

  @Field({ description: 'True when you own the account in your division: owners always hear about it, watching or not.' })
  owner: boolean;
}

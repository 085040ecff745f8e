import { CriticalInfoStatus } from './status';

/** A value as a question shows it: which division said what, and when. */
export interface SaidValue {
  division: string;
  text: string;
  assertedAt: Date;
}

/** What a question is built from: the field's label and why it is critical, its status and values. */
export interface QuestionInput {
  label: string;
  whyCritical: string;
  stalenessDays: number;
  status: CriticalInfoStatus;
  current: SaidValue | null;
  divisionValues: SaidValue[];
}

/** Conflicts first (two divisions act on different facts), then what nobody knows, then what may be outdated. */
export const QUESTION_ORDER = [CriticalInfoStatus.CONFLICT, CriticalInfoStatus.MISSING, CriticalInfoStatus.STALE] as const;

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The question to ask the customer about one field, or null when there is
 * nothing to ask (OK, or never asserted and not required).
 */
export function questionText(input: QuestionInput): string | null {
  switch (input.status) {
    case CriticalInfoStatus.MISSING:
      return `${input.label}: nobody has recorded it yet. Ask.`;
    case CriticalInfoStatus.STALE: {
      const current = input.current!;
      return `${input.label}: last confirmed on ${day(current.assertedAt)} by ${current.division}, more than ${input.stalenessDays} days ago. Is "${current.text}" still right?`;
    }
    case CriticalInfoStatus.CONFLICT: {
      const sides = input.divisionValues.map((v) => `${v.division} says "${v.text}"`).join('; ');
      return `${input.label}: our divisions disagree (${sides}). Which is right?`;
    }
    default:
      return null;
  }
}

/**
 * Matching rules: Fellegi–Sunter style. Each field comparison lands in a
 * level, each level carries a weight in bits (log2 of m/u: how much likelier
 * that agreement is between records of one customer than between records of
 * two). Agreement on a value many accounts share weighs less: its weight drops
 * by log2 of how many accounts hold it (term-frequency adjustment), so a
 * shared switchboard phone or a group's domain count little. The sum of the
 * prior and the weights is the link score; thresholds decide auto-link,
 * review, or a new record.
 *
 * The rules are configuration: change a weight or threshold → bump `version`.
 * Every link and review records the version that produced it, and review
 * decisions stay as labels for tuning.
 */
export interface MatchRules {
  version: string;
  account: {
    prior: number;
    autoLink: number;
    review: number;
    weights: {
      nameExact: number; nameClose: number; nameSimilar: number; nameWeak: number; nameDifferent: number;
      domainShared: number; domainDifferent: number;
      registrySame: number;
      phoneSame: number; phoneDifferent: number;
      addressSame: number; addressClose: number; addressDifferent: number;
      postalSame: number; postalDifferent: number;
    };
  };
  contact: {
    prior: number;
    autoLink: number;
    review: number;
    weights: {
      emailSame: number; emailDifferent: number;
      firstExact: number; firstClose: number; firstInitial: number; firstDifferent: number;
      lastExact: number; lastClose: number; lastDifferent: number;
      swapped: number;
      birthdaySame: number; birthdayClose: number; birthdayDifferent: number;
      citySame: number; cityDifferent: number;
      phoneSame: number;
    };
  };
}

export const MATCH_RULES: MatchRules = {
  version: 'fs-1',
  account: {
    prior: -4,
    autoLink: 6,
    review: 1,
    weights: {
      nameExact: 12, nameClose: 8, nameSimilar: 3, nameWeak: -1, nameDifferent: -6,
      domainShared: 11, domainDifferent: -3,
      registrySame: 16,
      phoneSame: 7, phoneDifferent: -2,
      addressSame: 5, addressClose: 3, addressDifferent: -3,
      postalSame: 1, postalDifferent: -2,
    },
  },
  contact: {
    prior: -4,
    autoLink: 6,
    review: 1,
    weights: {
      emailSame: 12, emailDifferent: -1,
      firstExact: 4, firstClose: 2.5, firstInitial: 1, firstDifferent: -4,
      lastExact: 6, lastClose: 3, lastDifferent: -5,
      swapped: 7,
      birthdaySame: 8, birthdayClose: 2, birthdayDifferent: -6,
      citySame: 1.5, cityDifferent: -1,
      phoneSame: 7,
    },
  },
};

/** One field's comparison: its level, the weight it added, and why. */
export interface Comparison {
  field: string;
  level: string;
  weight: number;
  note?: string;
}

/** The score of a pair of records with its evidence; a veto forbids linking whatever the score. */
export interface PairScore {
  score: number;
  veto: string | null;
  evidence: Comparison[];
}

/** Term-frequency adjustment: a value held by `accounts` accounts weighs log2(accounts) bits less. */
export function rarityAdjusted(weight: number, accounts: number, floor = 0): number {
  return Math.max(floor, weight - Math.log2(Math.max(1, accounts)));
}

export function total(prior: number, evidence: Comparison[], veto: string | null = null): PairScore {
  const score = evidence.reduce((sum, c) => sum + c.weight, prior);
  return { score: Math.round(score * 100) / 100, veto, evidence: [{ field: 'prior', level: 'PRIOR', weight: prior }, ...evidence] };
}

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
    /** A record scoring this high with two accounts shows they are one: they are merged. */
    strongMerge: number;
    weights: {
      nameExact: number; nameClose: number; nameContained: number; nameWordContained: number; nameSimilar: number; nameWeak: number; nameDifferent: number; nameNumberDiffers: number;
      domainShared: number; domainDifferent: number;
      registrySame: number; registrySameNumber: number;
      phoneSame: number; phoneDifferent: number; phoneOtherCountry: number;
      addressSame: number; addressClose: number; addressDifferent: number; addressNumberDiffers: number;
      postalSame: number; postalDifferent: number;
      legalFormSame: number; legalFormDifferent: number; legalFormConflict: number;
    };
  };
  contact: {
    prior: number;
    autoLink: number;
    review: number;
    weights: {
      emailSame: number; emailRole: number; emailClose: number; emailAsNames: number; emailDifferent: number; emailOtherMailbox: number;
      firstExact: number; firstExactCommon: number; firstClose: number; firstSimilar: number; firstShortForm: number; firstInitial: number; firstDifferent: number;
      otherNamesDifferent: number;
      lastExact: number; lastExactCommon: number; lastClose: number; lastSimilar: number; lastDifferent: number; lastAmongOthers: number;
      swapped: number;
      onePartSame: number; onePartClose: number; onePartDifferent: number;
      birthdaySame: number; birthdayClose: number; birthdayNear: number; birthdayWithinYear: number; birthdayDifferent: number;
      citySame: number; cityClose: number; cityDifferent: number;
      phoneSame: number; phoneDifferent: number; phoneOtherCountry: number;
    };
  };
}

export const MATCH_RULES: MatchRules = {
  version: 'fs-14',
  account: {
    prior: -4,
    autoLink: 6,
    review: 1,
    strongMerge: 14,
    // fs-7: another house number (-18) outweighs what sites of one organisation share (name, domain,
    // switchboard), so they are neither linked nor reviewed; another phone (-1) says little about a
    // site whose lists give direct lines or an old number; a one-word name that is a word of the
    // other (+5) makes a review on the name alone. fs-8: between a name and one inside it, the same
    // legal form +2 and another -2 (a family of names: the form tells its members apart). fs-13 (no weight changed):
    // alike names beside a shared domain where one adds a word and states its legal form are capped below autoLink for a
    // review unless a registry id both give agrees ("Siemens AG" / "Siemens Healthineers AG"; account-scoring.ts, reviewCap).
    // fs-13 also (two weights added): a placeholder name ("N/A", "Unknown", "Inc." alone) is no name; between equal or close names, legal
    // forms that cannot be one company's (another jurisdiction, another kind: legalFormsConflict) -4, and phones of two
    // countries -3 (issue 4: "Arcadia Pty Ltd", +61 / "Arcadia LLC", +1 auto-linked on the name).
    // fs-14: a German register number (HRB, HRA, GnR, VR, PR) is unique only at its registry court, which registry ids
    // now keep ("HRB12345@MUNCHEN", normalize/registry-id.ts): one number at two courts vetoes as differing ids do; one
    // number with the court missing on one side or both weighs 12, not 16 (registrySameNumber: about 4 bits for the
    // dozens of courts that have given out a number as low as 12345), so two names that differ (-6) are a review (2),
    // no longer an auto-link (6) on the number alone; alike names still link.
    weights: {
      nameExact: 12, nameClose: 10, nameContained: 6, nameWordContained: 5, nameSimilar: 3, nameWeak: -1, nameDifferent: -6, nameNumberDiffers: -5,
      domainShared: 11, domainDifferent: -3,
      registrySame: 16, registrySameNumber: 12,
      phoneSame: 7, phoneDifferent: -1, phoneOtherCountry: -3,
      addressSame: 5, addressClose: 3, addressDifferent: -4, addressNumberDiffers: -18,
      postalSame: 1, postalDifferent: -2,
      legalFormSame: 2, legalFormDifferent: -2, legalFormConflict: -4,
    },
  },
  contact: {
    prior: -4,
    autoLink: 3,
    review: 0,
    // fs-9: two addresses that differ only where the first names differ (clara.bakker@ / laura.bakker@ of
    // Clara and Laura Bakker) spell two names, not one mistyped address: they add nothing (emailAsNames).
    // fs-10: a desk's mailbox both give (sales@, info@, customer.service@) names no one: it adds nothing
    // (emailRole); two people of a family business sharing sales@ were auto-linked on it. Two desks' mailboxes a
    // letter apart (info@acme.com / info@acme.de) are not a mistyped address (CLOSE) either.
    // A phone both give is often an office line colleagues share (John and Jane Smith, John Smith and John Brown were
    // auto-linked on one, found by exploratory testing): 4 bits, fewer the more people hold it (rarityAdjusted), was 7.
    // fs-13: namesakes of one customer with a mailbox and a phone each were one person on the name alone (Mark Jones in
    // San Francisco and in Leeds; three Maria Garcias; issue 4, item 3). Another personal mailbox at the same company
    // domain, not an alias spelling the same name (mjones7@ beside mark.jones@), -3 (emailOtherMailbox; at a free-mail
    // provider still -1); phones that share no number -1, and -3 when all of them are of other countries; a surname or
    // given name among the most common (normalize/common-names.ts) agrees for 5 and 4 bits, not 6 and 5; the mailboxes
    // "maria.garcia" and "maria.garcia2" are numbered apart, not one mistyped (CLOSE). A short form against
    // a name it may stand for that the nickname table does not give it ("Chris" / "Christine") 0, not -4: a review on
    // the names; one that fits two people of the account links to neither (contact-linker.ts, shortNameFitsBoth).
    weights: {
      emailSame: 12, emailRole: 0, emailClose: 5, emailAsNames: 0, emailDifferent: -1, emailOtherMailbox: -3,
      firstExact: 5, firstExactCommon: 4, firstClose: 3, firstSimilar: 0, firstShortForm: 0, firstInitial: 1, firstDifferent: -4, otherNamesDifferent: -4,
      lastExact: 6, lastExactCommon: 5, lastClose: 3, lastSimilar: 2, lastDifferent: -5, lastAmongOthers: 0,
      swapped: 7,
      onePartSame: 3, onePartClose: 1.5, onePartDifferent: -4,
      birthdaySame: 8, birthdayClose: 3, birthdayNear: 1, birthdayWithinYear: -1, birthdayDifferent: -5,
      citySame: 1.5, cityClose: 0.5, cityDifferent: -1,
      phoneSame: 4, phoneDifferent: -1, phoneOtherCountry: -3,
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

/**
 * The account auto-link threshold of the rules that stored a link: a record
 * stays in (or starts) an account of its own when its best candidate scored
 * below it. Every rules version so far linked accounts at 6 bits (only the
 * people's threshold changed, at fs-5); a version changing it must be added
 * here. Null for a version the hub does not know.
 */
export function accountAutoLinkOf(version: string | null): number | null {
  if (version === MATCH_RULES.version) return MATCH_RULES.account.autoLink;
  return version !== null && PAST_VERSIONS.includes(version) ? 6 : null;
}

const PAST_VERSIONS = ['fs-1', 'fs-2', 'fs-3', 'fs-4', 'fs-5', 'fs-6', 'fs-7', 'fs-8', 'fs-9', 'fs-10', 'fs-11', 'fs-12', 'fs-13'];

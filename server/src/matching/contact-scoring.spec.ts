import { scoreContactPair } from './contact-scoring';
import { contactFeatures } from './features';
import { MATCH_RULES } from './rules';

const counts = { lastName: () => 1, email: () => 1 };
const emailLevel = (a: string, b: string) =>
  scoreContactPair(contactFeatures({ name: 'X', emails: [a] }), contactFeatures({ name: 'X', emails: [b] }), MATCH_RULES.contact, counts)
    .evidence.find((c) => c.field === 'email')?.level;

describe('scoreContactPair: emails', () => {
  it.each([
    ['the same address', 'bob@acme.com', 'BOB@acme.com', 'SAME'],
    ['a mistyped address (two edits)', 'evied56@harris-bailey.net', 'evihd56@harris-bailey.net', 'CLOSE'],
    ['two colleagues with one first name on one domain', 'chloe.brown@acme.com', 'chloe.brandl@acme.com', 'DIFFERENT'],
  ])('%s', (_, a, b, level) => {
    expect(emailLevel(a, b)).toBe(level);
  });
});

import { accountAutoLinkOf, MATCH_RULES } from './rules';

describe('accountAutoLinkOf: the auto-link threshold of the rules that stored a link', () => {
  // fs-10 and fs-11 were left out when they came: links stored under them read "threshold unknown".
  it('knows every version up to the current one', () => {
    const current = Number(MATCH_RULES.version.replace('fs-', ''));
    for (let n = 1; n < current; n++) expect(accountAutoLinkOf(`fs-${n}`)).toBe(6);
    expect(accountAutoLinkOf(MATCH_RULES.version)).toBe(MATCH_RULES.account.autoLink);
  });

  it('knows no version it never had', () => {
    expect(accountAutoLinkOf('fs-999')).toBeNull();
    expect(accountAutoLinkOf(null)).toBeNull();
  });
});

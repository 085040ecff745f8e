import { generateDemoCompany } from './generator';

describe('generateDemoCompany', () => {
  const company = generateDemoCompany();

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoCompany()).toEqual(company);
    expect(generateDemoCompany({ seed: 7 }).accounts[0].name).not.toEqual(company.accounts[0].name);
  });

  it('builds a realistic company: 4-6 divisions, colleagues in each, ~300 accounts', () => {
    expect(company.divisions.length).toBeGreaterThanOrEqual(4);
    expect(company.divisions.length).toBeLessThanOrEqual(6);
    for (const division of company.divisions) {
      expect(company.colleagues.filter((c) => c.divisionKey === division.key).length).toBeGreaterThan(2);
    }
    expect(company.accounts).toHaveLength(300);
    expect(new Set(company.accounts.map((a) => a.name)).size).toBe(300);
    expect(new Set(company.colleagues.map((c) => c.email)).size).toBe(company.colleagues.length);
  });

  it('makes many accounts known to several divisions under differing names', () => {
    const shared = company.accounts.filter((a) => new Set(a.records.map((r) => r.divisionKey)).size >= 2);
    expect(shared.length).toBeGreaterThan(90);
    const differing = shared.filter((a) => new Set(a.records.map((r) => r.name)).size >= 2);
    expect(differing.length).toBeGreaterThan(shared.length / 2);
  });

  it('spreads about two years of history', () => {
    const times = company.accounts.flatMap((a) => a.records.map((r) => r.createdAt.getTime()));
    const days = (Math.max(...times) - Math.min(...times)) / 86400_000;
    expect(days).toBeGreaterThan(500);
    expect(days).toBeLessThanOrEqual(2 * 365);
  });

  it('keeps natural keys unique per division and source system', () => {
    const keys = company.accounts.flatMap((a) => a.records.map((r) => `${r.divisionKey}/${r.sourceSystem}/${r.externalId}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

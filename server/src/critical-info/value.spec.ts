import { checkValue, CriticalInfoType, sameValue, ValueField, valueProblem, valueText } from './value';

const field = (type: CriticalInfoType, options: string[] = []): ValueField => ({ key: `my_${type.toLowerCase()}`, type, options });
const TERMS = field(CriticalInfoType.ENUM, ['Net 30', 'Net 60']);
const SERVICES = field(CriticalInfoType.MULTI_ENUM, ['Freight', 'Print', 'Events']);

/** The message a refused value gets: which field, what was expected, what came. */
function problem(f: ValueField, raw: unknown): string {
  const check = checkValue(f, raw);
  if (check.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused for ${f.type}`);
  return valueProblem(f, check);
}

function accepted(f: ValueField, raw: unknown): unknown {
  const check = checkValue(f, raw);
  if (!check.ok) throw new Error(valueProblem(f, check));
  return check.value;
}

describe('critical-info values: checked per type with exact messages', () => {
  it('TEXT: a non-empty text, trimmed', () => {
    expect(accepted(field(CriticalInfoType.TEXT), '  Board signs above EUR 50k ')).toBe('Board signs above EUR 50k');
    expect(problem(field(CriticalInfoType.TEXT), '   ')).toBe('a text of 1 to 2000 characters for field "my_text" (TEXT); got an empty text');
    expect(problem(field(CriticalInfoType.TEXT), 42)).toBe('a text of 1 to 2000 characters for field "my_text" (TEXT); got the number 42');
    expect(problem(field(CriticalInfoType.TEXT), 'x'.repeat(2001))).toBe('a text of 1 to 2000 characters for field "my_text" (TEXT); got a text of 2001 characters');
  });

  it('NUMBER: a finite JSON number, not a numeric text', () => {
    expect(accepted(field(CriticalInfoType.NUMBER), 1250)).toBe(1250);
    expect(problem(field(CriticalInfoType.NUMBER), '1250')).toBe('a number for field "my_number" (NUMBER); got the text "1250"');
    expect(problem(field(CriticalInfoType.NUMBER), null)).toBe('a number for field "my_number" (NUMBER); got nothing');
  });

  it('MONEY: an amount from 0 with an ISO 4217 currency (upper-cased)', () => {
    expect(accepted(field(CriticalInfoType.MONEY), { amount: 250000, currency: 'eur' })).toEqual({ amount: 250000, currency: 'EUR' });
    const expected = 'an amount with its currency, e.g. {"amount": 250000, "currency": "EUR"} for field "my_money" (MONEY); got';
    expect(problem(field(CriticalInfoType.MONEY), 250000)).toBe(`${expected} the number 250000`);
    expect(problem(field(CriticalInfoType.MONEY), { amount: -5, currency: 'EUR' })).toBe(`${expected} an object {"amount":-5,"currency":"EUR"} (amount must be from 0 to 10^16)`);
    expect(problem(field(CriticalInfoType.MONEY), { amount: 5, currency: 'euro' })).toBe(`${expected} an object {"amount":5,"currency":"euro"} (currency must be an ISO 4217 code such as "EUR")`);
    // Found by exploratory testing: three letters were taken for a currency.
    expect(problem(field(CriticalInfoType.MONEY), { amount: 5, currency: 'XYZ' })).toBe(`${expected} an object {"amount":5,"currency":"XYZ"} (currency must be an ISO 4217 code such as "EUR")`);
    expect(accepted(field(CriticalInfoType.MONEY), { amount: 5, currency: 'chf' })).toEqual({ amount: 5, currency: 'CHF' });
    expect(problem(field(CriticalInfoType.MONEY), { amount: 5, currency: 'EUR', note: 'x' })).toBe(`${expected} an object {"amount":5,"currency":"EUR","note":"x"}`);
  });

  it('DATE: a real calendar date of the form YYYY-MM-DD', () => {
    expect(accepted(field(CriticalInfoType.DATE), '2027-03-31')).toBe('2027-03-31');
    expect(problem(field(CriticalInfoType.DATE), 'next spring')).toBe('a date of the form YYYY-MM-DD for field "my_date" (DATE); got the text "next spring"');
    expect(problem(field(CriticalInfoType.DATE), '2027-02-30')).toBe('a date of the form YYYY-MM-DD for field "my_date" (DATE); got the text "2027-02-30"');
    expect(problem(field(CriticalInfoType.DATE), '31.03.2027')).toBe('a date of the form YYYY-MM-DD for field "my_date" (DATE); got the text "31.03.2027"');
    expect(problem(field(CriticalInfoType.DATE), '0000-01-01')).toBe('a date of the form YYYY-MM-DD for field "my_date" (DATE); got the text "0000-01-01"');
  });

  it('BOOLEAN: true or false, not "yes"', () => {
    expect(accepted(field(CriticalInfoType.BOOLEAN), false)).toBe(false);
    expect(problem(field(CriticalInfoType.BOOLEAN), 'yes')).toBe('true or false for field "my_boolean" (BOOLEAN); got the text "yes"');
  });

  it('ENUM: one of the options, in any case, stored as the catalogue spells it', () => {
    expect(accepted(TERMS, 'net 30')).toBe('Net 30');
    expect(problem(TERMS, 'Net 45')).toBe('one of "Net 30", "Net 60" for field "my_enum" (ENUM); got the text "Net 45"');
    expect(problem(TERMS, ['Net 30'])).toBe('one of "Net 30", "Net 60" for field "my_enum" (ENUM); got a list ["Net 30"]');
  });

  it('MULTI_ENUM: one or more options, without repeats, in catalogue order', () => {
    expect(accepted(SERVICES, ['print', 'Freight', 'Print'])).toEqual(['Freight', 'Print']);
    expect(problem(SERVICES, [])).toBe('a list of one or more of "Freight", "Print", "Events" for field "my_multi_enum" (MULTI_ENUM); got a list []');
    expect(problem(SERVICES, ['Freight', 'Catering'])).toBe('a list of one or more of "Freight", "Print", "Events" for field "my_multi_enum" (MULTI_ENUM); got a list ["Freight","Catering"] (the text "Catering" is not an option)');
    expect(problem(SERVICES, 'Freight')).toBe('a list of one or more of "Freight", "Print", "Events" for field "my_multi_enum" (MULTI_ENUM); got the text "Freight"');
  });

  it('STAKEHOLDER_REF: a non-empty reference (whether it names a stakeholder of the account is asked of the database)', () => {
    expect(accepted(field(CriticalInfoType.STAKEHOLDER_REF), ' c-17 ')).toBe('c-17');
    expect(problem(field(CriticalInfoType.STAKEHOLDER_REF), 17)).toBe('the id of a stakeholder of this account for field "my_stakeholder_ref" (STAKEHOLDER_REF); got the number 17');
  });

  it('compares texts regardless of case and spacing, everything else exactly', () => {
    expect(sameValue(CriticalInfoType.TEXT, 'Tender above  EUR 50k', 'tender above eur 50k')).toBe(true);
    expect(sameValue(CriticalInfoType.ENUM, 'Net 30', 'Net 60')).toBe(false);
    expect(sameValue(CriticalInfoType.MONEY, { amount: 1, currency: 'EUR' }, { amount: 1, currency: 'EUR' })).toBe(true);
    expect(sameValue(CriticalInfoType.MULTI_ENUM, ['Freight'], ['Freight', 'Print'])).toBe(false);
  });

  it('says values in plain words', () => {
    expect(valueText(CriticalInfoType.MONEY, { amount: 250000, currency: 'EUR' })).toBe('EUR 250,000');
    expect(valueText(CriticalInfoType.BOOLEAN, true)).toBe('Yes');
    expect(valueText(CriticalInfoType.MULTI_ENUM, ['Freight', 'Print'])).toBe('Freight, Print');
    expect(valueText(CriticalInfoType.STAKEHOLDER_REF, 'some-id', 'Dana Scully')).toBe('Dana Scully');
  });
});

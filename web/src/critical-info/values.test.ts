import { numberOf, valueOf } from './values';

describe('numbers typed in the critical-info editor', () => {
  it.each([
    ['1234.5', 1234.5], ['1,234.5', 1234.5], ['1,234,567', 1234567], [' 42 ', 42], ['-3.25', -3.25], ['0.001', 0.001], ['1 000', 1000],
  ])('reads %j as %d', (text, n) => expect(numberOf(text)).toBe(n));

  // Found by exploratory testing: "2,5" was saved as 25 and "1.234,5" as 1.2345, without a word.
  it.each(['2,5', '1.234,5', '12,34', '1,23,456', 'abc', '', '1.2.3', ','])('refuses %j instead of guessing', (text) => expect(numberOf(text)).toBeNull());

  it('says how to write an amount or a number it refuses', () => {
    expect(valueOf('MONEY', { text: '', amount: '2,5', currency: 'EUR', list: [] })).toEqual({
      problem: 'Enter an amount such as 1234.5 or 1,234.5 (a point before the decimals; commas only between thousands).',
    });
    expect(valueOf('NUMBER', { text: '1.234,5', amount: '', currency: 'EUR', list: [] })).toEqual({
      problem: 'Enter a number such as 1234.5 or 1,234.5 (a point before the decimals; commas only between thousands).',
    });
    expect(valueOf('MONEY', { text: '', amount: '1,250.50', currency: 'eur', list: [] })).toEqual({ value: { amount: 1250.5, currency: 'EUR' } });
  });
});

/**
 * Opportunity amounts as ingest takes them: `amount`, a GraphQL Float (a JSON number, already rounded by the sender's
 * JSON parser beyond about 15 significant digits), or `amountText`, the exact decimal in text, stored as it is.
 */

/** A plain decimal: digits, then a point and more digits if it has decimals. No sign, exponent, spaces nor grouping. */
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Amounts are from 0 to less than 10^16 (the whole part has at most 16 digits). */
const MAX_WHOLE_DIGITS = 16;

/** Why `amountText` is no amount the hub takes, or null when it is one. */
export function amountTextProblem(text: string): string | null {
  const parts = PLAIN_DECIMAL.exec(text);
  if (!parts) return `"${text}" is not a plain decimal such as "1234.50" (digits, and a point before any decimals; no sign, exponent, spaces nor digit grouping)`;
  if (parts[1].replace(/^0+(?=\d)/, '').length > MAX_WHOLE_DIGITS) return `"${text}" is not an amount from 0 to less than 10^16`;
  return null;
}

/**
 * Whether `amount` (a float) is what `amountText` says: the floating-point number nearest to it, as a JSON parser
 * reads the same digits. "0.1" and 0.1 agree; "9999999999999999.99" and 1e16 do too (the float is that decimal,
 * rounded); "1234.5" and 1234.6 do not.
 */
export function amountsAgree(amount: number, amountText: string): boolean {
  return Number(amountText) === amount;
}

/**
 * How many decimals a number written in JavaScript's or a plain decimal's way has, trailing zeros not counted:
 * "10.120" has 2, "5" none, "1e-7" 7, "1.5e-7" 8.
 */
export function decimalsOf(written: string): number {
  const parts = /^\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(written);
  if (!parts) return 0;
  const fraction = (parts[1] ?? '').replace(/0+$/, '').length;
  return Math.max(0, fraction - Number(parts[2] ?? 0));
}

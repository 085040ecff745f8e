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

/** The amount a plain decimal says, written without leading zeros nor trailing decimal zeros: "01234.50" is "1234.5", "100.00" "100", "0.00" "0". Other text is returned as it is. */
export function normalDecimal(text: string): string {
  const parts = PLAIN_DECIMAL.exec(text);
  if (!parts) return text;
  const whole = parts[1].replace(/^0+(?=\d)/, '');
  const fraction = (parts[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** A float written as a plain decimal, the shortest that reads back as it: 1234.5 is "1234.5", 1.5e-7 "0.00000015". */
export function plainDecimalOf(n: number): string {
  const written = String(n);
  const parts = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(written);
  if (!parts) return written;
  const digits = parts[1] + (parts[2] ?? '');
  const exponent = Number(parts[3]);
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  return digits.length <= exponent + 1 ? digits.padEnd(exponent + 1, '0') : `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/**
 * An opportunity's amount as its version's content (content hash and `raw`) has it, whichever form it was sent in, so
 * that the same amount is the same content: `amount` 1234.5, `amountText` "1234.50" and both are `{ amount: 1234.5 }`.
 * A number when the float writes the decimal the text says (trailing zeros aside): the form versions before
 * `amountText` hashed every amount in, so records they stored compare UNCHANGED sent in either form. Otherwise (more
 * significant digits than a float holds, "1234567890123456.789") the decimal normalised, as `amountText`: another
 * amount than the float nearest to it, which is stored rounded. Null: no amount.
 */
export function amountContent(amount: unknown, amountText: unknown): { amount: number } | { amountText: string } | null {
  if (typeof amountText === 'string') {
    // Not a plain decimal: only from a caller that did not validate (validateItem refuses it); kept as it is.
    if (!PLAIN_DECIMAL.test(amountText)) return { amountText };
    const exact = normalDecimal(amountText);
    const float = Number(exact);
    return plainDecimalOf(float) === exact ? { amount: float } : { amountText: exact };
  }
  return typeof amount === 'number' ? { amount } : null;
}

/** The ISO 4217 codes this runtime knows (ICU's list): "XYZ" is three letters but no currency. */
const CURRENCIES = new Set((Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency') ?? []);

/** Whether an upper-case code is an ISO 4217 currency (any three letters where the runtime has no list). */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && (CURRENCIES.size === 0 || CURRENCIES.has(code));
}

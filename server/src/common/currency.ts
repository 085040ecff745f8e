/**
 * The ISO 4217 codes this runtime knows (ICU's list: "XYZ" is three letters but no currency, "DEM" one no longer in
 * use), and the ISO 4217 codes ICU leaves out because it formats no money in them: precious metals (XAU gold, XAG, XPT,
 * XPD), the bond-market units (XBA to XBD), the ADB unit of account (XUA) and the fund codes (CHE, CLF, …). XTS (for
 * testing) and XXX ("no currency") stay out: an amount in them is no amount. Found by exploratory testing: XAU was
 * refused.
 */
const ISO_4217_BEYOND_ICU = ['XAU', 'XAG', 'XPT', 'XPD', 'XBA', 'XBB', 'XBC', 'XBD', 'XUA', 'BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW', 'VED'];
const ICU = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency') ?? [];
const CURRENCIES = new Set(ICU.length === 0 ? [] : [...ICU, ...ISO_4217_BEYOND_ICU]);

/** Whether an upper-case code is an ISO 4217 currency (any three letters where the runtime has no list). */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && (CURRENCIES.size === 0 || CURRENCIES.has(code));
}

/** A currency code as systems send it ("eur", " EUR "), as the hub keeps it ("EUR"); null when it is no ISO 4217 code. */
export function currencyCode(sent: string): string | null {
  const code = sent.trim().toUpperCase();
  return isCurrency(code) ? code : null;
}

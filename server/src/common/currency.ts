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

/**
 * The decimals an amount in each currency has, from ISO 4217's "minor unit" column (not ICU's, which differs: it gives
 * HUF, IDR and COP none, where ISO 4217 gives them 2). Every ISO 4217 currency not listed here has 2.
 */
const MINOR_UNITS: Record<string, number | null> = {
  ...Object.fromEntries(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'].map((c) => [c, 0])),
  ...Object.fromEntries(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => [c, 3])),
  ...Object.fromEntries(['CLF', 'UYW'].map((c) => [c, 4])),
  // Units without a minor unit in ISO 4217 ("N.A."): precious metals, bond-market units, special drawing rights.
  ...Object.fromEntries(['XAU', 'XAG', 'XPT', 'XPD', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA'].map((c) => [c, null])),
};

/** How many decimals an amount in this currency (upper-case, ISO 4217) has: 2 for EUR, 0 for JPY, 3 for KWD; null for gold and other units that have no minor unit. */
export function currencyDecimals(code: string): number | null {
  return code in MINOR_UNITS ? MINOR_UNITS[code] : 2;
}

import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { FREE_MAIL_BRANDS, FREE_MAIL_DOMAINS, HOSTING_PLATFORMS, SHARED_WEB_BRANDS, SHARED_WEB_HOSTS } from './free-mail-domains';

/**
 * Private public-suffix entries (myshopify.com, blogspot.com, github.io, ...) are
 * honoured, so "acme.myshopify.com" stays a per-tenant domain instead of
 * collapsing to "myshopify.com", which would be shared by thousands of shops.
 */
const TLDTS_OPTIONS: Parameters<typeof parse>[1] = { allowPrivateDomains: true, detectIp: true, validateHostname: true };

const NON_ASCII = /[\u0080-\uffff]/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const MAILTO = /^mailto:/i;
const ANGLE_ADDRESS = /<([^>]*)>/;
/** Characters allowed in a host name right after "@"; everything after them (">", ",", spaces) is junk. */
const EMAIL_HOST = /^[\p{L}\p{N}._-]+/u;
const TRAILING_JUNK = /[\s,;>)]+$/;
const LEADING_JUNK = /^[\s<(]+/;
/** Captures the path after the host, without leading slashes, query or fragment. */
const URL_PATH = /^[^/?#]*\/+([^?#]*)/;

interface ParsedHost {
  /** Registrable domain, lower-case, IDNs in punycode. */
  domain: string;
  /** The label in front of the public suffix ("yahoo" in "yahoo.co.uk"). */
  label: string;
  /** The part of the host name in front of `domain` ("www", "mail", ""). */
  subdomain: string;
}

/**
 * Registrable domain of a URL, bare host or e-mail address (with or without a
 * display name), lower-case: "https://www.acme.com/about" → "acme.com",
 * "Bob <bob@mail.acme.co.uk>" → "acme.co.uk". Internationalised names are returned
 * in punycode so that "müller.de" and "xn--mller-kva.de" compare equal.
 * Null for junk, IP addresses and hosts without a known public suffix.
 */
export function domainOf(input: string): string | null {
  return parseHost(input)?.domain ?? null;
}

/**
 * Top-level domains no site on the internet has, and what each is for: special-use names (RFC 2606, 6761, 6762, 9476)
 * and ICANN's private-network one. A record's "northwind.example" is a test record or a placeholder, not a typo.
 */
const RESERVED_TLDS: Record<string, string> = {
  example: 'reserved for examples and documentation, RFC 2606',
  test: 'reserved for testing, RFC 2606',
  invalid: 'reserved for names invalid on purpose, RFC 2606',
  localhost: 'reserved for the machine itself, RFC 6761',
  local: 'for names on a local network, multicast DNS, RFC 6762',
  alt: 'reserved for names outside the DNS, RFC 9476',
  internal: 'reserved for private networks by ICANN',
};

/**
 * Why a web address or domain has no registrable domain (domainOf is null), when its top-level domain is why: reserved
 * (RESERVED_TLDS), or none (not in the Public Suffix List: a typo such as ".cmo", or a name of a private network). Said
 * as a clause for the warning that ignores it. Null when something else is why (no host name at all, an IP address, a
 * name of one label that is not reserved) and when it has a domain.
 */
export function topLevelDomainProblem(input: string): string | null {
  if (domainOf(input) !== null) return null;
  const result = parsedHostname(input);
  if (!result) return null;
  if (result.isIp || !result.hostname || result.isIcann || result.isPrivate) return null;
  const labels = result.hostname.split('.');
  const tld = labels[labels.length - 1];
  const reserved = RESERVED_TLDS[tld];
  if (labels.length === 1) return reserved ? `"${tld}" is ${reserved}: no site on the internet has it` : null;
  if (reserved) return `its top-level domain ".${tld}" is ${reserved}: no site on the internet has it`;
  return `".${tld}" is no top-level domain: it is not in the Public Suffix List; a typing error?`;
}

/** True for free-mail and consumer-ISP domains (gmail.com, yahoo.co.uk, web.de, ...). Accepts any input `domainOf` accepts. */
export function isFreeMailDomain(domain: string): boolean {
  const quick = domain.trim().toLowerCase();
  if (FREE_MAIL_DOMAINS.has(quick)) return true;
  const parsed = parseHost(domain);
  return parsed !== null && isFreeMail(parsed);
}

/**
 * The company-identifying domains of a record: unique, sorted registrable domains
 * from its website, domain list and e-mail addresses, without free-mail/ISP
 * domains. Websites and listed domains that are merely a page on a shared platform
 * ("facebook.com/acme", "acme.wordpress.com") are skipped too.
 */
export function companyDomains(input: {
  website?: string | null;
  domains?: readonly string[] | null;
  emails?: readonly string[] | null;
}): string[] {
  const found = new Set<string>();
  const addWeb = (value: string): void => {
    const parsed = parseHost(value);
    if (parsed && !isFreeMail(parsed) && !isPageOnSharedHost(value, parsed)) found.add(parsed.domain);
  };
  if (input.website) addWeb(input.website);
  for (const domain of input.domains ?? []) addWeb(domain);
  for (const email of input.emails ?? []) {
    const parsed = parseHost(email);
    if (parsed && !isFreeMail(parsed)) found.add(parsed.domain);
  }
  return [...found].sort();
}

function isFreeMail(parsed: ParsedHost): boolean {
  return FREE_MAIL_DOMAINS.has(parsed.domain) || FREE_MAIL_BRANDS.has(parsed.label);
}

/**
 * A shared platform's own site counts; a profile page or tenant subdomain on it does not (a web host's tenant
 * subdomain is a domain of its own: parseHost made it one).
 */
function isPageOnSharedHost(value: string, parsed: ParsedHost): boolean {
  if (!SHARED_WEB_HOSTS.has(parsed.domain) && !HOSTING_PLATFORMS.has(parsed.domain) && !SHARED_WEB_BRANDS.has(parsed.label)) return false;
  const hasTenantSubdomain = parsed.subdomain !== '' && parsed.subdomain !== 'www';
  return hasTenantSubdomain || hasPath(value);
}

function hasPath(url: string): boolean {
  const rest = url.trim().replace(HAS_SCHEME, '');
  const path = URL_PATH.exec(rest)?.[1];
  return path !== undefined && path !== '';
}

/** tldts's reading of the input's host (an e-mail's host, a web address's), international names in ASCII; null when it has none. */
function parsedHostname(input: string): ReturnType<typeof parse> | null {
  const candidate = hostCandidate(input);
  if (!candidate) return null;
  const result = parse(candidate, TLDTS_OPTIONS);
  if (!result.hostname || !NON_ASCII.test(result.hostname)) return result;
  // domainToASCII returns '' for names that are not valid IDNs.
  const ascii = domainToASCII(result.hostname);
  return ascii ? parse(ascii, TLDTS_OPTIONS) : null;
}

function parseHost(input: string): ParsedHost | null {
  const result = parsedHostname(input);
  if (!result) return null;
  // isIcann/isPrivate are false when only tldts's implicit "*" rule matched, i.e. an unknown TLD.
  if (result.isIp || !result.domain || !(result.isIcann || result.isPrivate)) return null;
  // "www.wixsite.com": the host's own "www", no tenant of it.
  if (result.isPrivate && result.domainWithoutSuffix === 'www' && result.publicSuffix) {
    return { domain: result.publicSuffix, label: result.publicSuffix.split('.')[0], subdomain: 'www' };
  }
  const subdomain = result.subdomain ?? '';
  if (subdomain !== '' && HOSTING_PLATFORMS.has(result.domain)) {
    // A tenant of a web host: its own label in front of the host's domain is its domain ("www.acme.jimdofree.com" → "acme.jimdofree.com").
    const labels = subdomain.split('.');
    const tenant = labels.pop()!;
    if (tenant !== 'www') return { domain: `${tenant}.${result.domain}`, label: result.domainWithoutSuffix ?? '', subdomain: labels.join('.') };
  }
  return { domain: result.domain, label: result.domainWithoutSuffix ?? '', subdomain };
}

/** Reduce an e-mail address to its host; strip wrapping junk from anything else. */
function hostCandidate(input: string): string | null {
  const trimmed = input.trim().replace(MAILTO, '');
  if (!HAS_SCHEME.test(trimmed) && trimmed.includes('@')) {
    const address = ANGLE_ADDRESS.exec(trimmed)?.[1] ?? trimmed;
    const host = EMAIL_HOST.exec(address.slice(address.lastIndexOf('@') + 1));
    return host ? host[0] : null;
  }
  const cleaned = trimmed.replace(LEADING_JUNK, '').replace(TRAILING_JUNK, '');
  return cleaned || null;
}

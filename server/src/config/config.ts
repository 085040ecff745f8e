/**
 * Configuration from environment variables (DESIGN.md, automation contract).
 * Every value is validated once at start; a bad value stops the process with
 * one line naming the variable and what is expected.
 */
import { resolve } from 'node:path';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    got: string | undefined,
  ) {
    super(`${variable}: expected ${expected}, got ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
  }
}

export interface AppConfig {
  port: number;
  /** Unset means: start the embedded PostgreSQL. */
  databaseUrl?: string;
  dataDir: string;
  /** Load demo data on the first start of an empty embedded database. */
  demo: boolean;
  adminToken?: string;
  production: boolean;
  /** NODE_ENV=test: quieter logs. */
  test: boolean;
  /** Hours a sign-in session lasts. */
  sessionHours: number;
  /** Schema introspection and the GraphiQL page (default: on, except in production). */
  introspection: boolean;
  /** GraphQL requests a minute per colleague, token or (anonymous) client address. */
  rateLimitPerMinute: number;
  /** OpenID Connect single sign-on; undefined when not configured. */
  oidc?: OidcConfig;
  /** The URL people reach the hub at (for the SSO redirect). */
  publicUrl: string;
  /** Size of the database connection pool. */
  dbPool: number;
  /** Folder holding the built web app; served at / when it exists. */
  webDist: string;
  /** Milliseconds a graphql-ws connection may take to send connection_init before it is closed (4408). */
  wsInitTimeoutMs: number;
  /** Notices: when an account counts as silent, how close planned touchpoints collide, how often the silence sweep runs. */
  notices: NoticeSettings;
}

export interface NoticeSettings {
  /** Days without a touchpoint from anyone after which owners and watchers hear that an account went silent. */
  silentAfterDays: number;
  /** Planned touchpoints of two divisions this many days apart or closer are an upcoming collision. */
  collisionWindowDays: number;
  /** Minutes between silence sweeps; 0 turns the sweep off (run it with `npm run notices:sweep`). */
  sweepMinutes: number;
  /** Seconds between due-touch sweeps (planned touchpoints whose date has come are told); 0 turns the sweep off. */
  dueTouchSweepSeconds: number;
}

type Env = Record<string, string | undefined>;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The ID-token claim that holds the colleague's division key. */
  divisionClaim: string;
}

function parseUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/$/, '');
  } catch {
    // reported below
  }
  throw new ConfigError(name, 'an http:// or https:// URL', raw);
}

function parseOidc(env: Env): OidcConfig | undefined {
  const issuer = parseUrl(env, 'OURCUSTOMER_OIDC_ISSUER');
  const clientId = env.OURCUSTOMER_OIDC_CLIENT_ID || undefined;
  if (!issuer && !clientId) return undefined;
  if (!issuer) throw new ConfigError('OURCUSTOMER_OIDC_ISSUER', 'the issuer URL when OURCUSTOMER_OIDC_CLIENT_ID is set', undefined);
  if (!clientId) throw new ConfigError('OURCUSTOMER_OIDC_CLIENT_ID', 'the client id when OURCUSTOMER_OIDC_ISSUER is set', undefined);
  return { issuer, clientId, clientSecret: env.OURCUSTOMER_OIDC_CLIENT_SECRET || undefined, divisionClaim: env.OURCUSTOMER_OIDC_DIVISION_CLAIM || 'division' };
}

function parsePort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', 'an integer from 1 to 65535', raw);
  }
  return port;
}

function parseDatabaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'a URL like postgres://user:password@host:5432/database', '(unparseable URL)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', 'a postgres:// or postgresql:// URL', `${url.protocol}//…`);
  }
  return raw;
}

function parseFlag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, '0 or 1 (also true/false, yes/no, on/off)', raw);
}

function parseAdminToken(env: Env): string | undefined {
  const raw = env.OURCUSTOMER_ADMIN_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 24) {
    throw new ConfigError('OURCUSTOMER_ADMIN_TOKEN', 'at least 24 characters', '(a shorter value)');
  }
  return raw;
}

function parseInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  return value;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', 'development, production or test', nodeEnv);
  }
  return {
    port: parsePort(env),
    databaseUrl: parseDatabaseUrl(env),
    dataDir: resolve(cwd, env.OURCUSTOMER_DATA_DIR || '.data'),
    demo: parseFlag(env, 'OURCUSTOMER_DEMO', true),
    adminToken: parseAdminToken(env),
    production: nodeEnv === 'production',
    test: nodeEnv === 'test',
    sessionHours: parseInt(env, 'OURCUSTOMER_SESSION_HOURS', 12, 1, 24 * 30),
    introspection: parseFlag(env, 'OURCUSTOMER_INTROSPECTION', nodeEnv !== 'production'),
    rateLimitPerMinute: parseInt(env, 'OURCUSTOMER_RATE_LIMIT', 600, 1, 1_000_000),
    dbPool: parseInt(env, 'OURCUSTOMER_DB_POOL', 10, 1, 500),
    oidc: parseOidc(env),
    publicUrl: parseUrl(env, 'OURCUSTOMER_PUBLIC_URL') ?? `http://localhost:${parsePort(env)}`,
    webDist: resolve(__dirname, '../../../web/dist'),
    wsInitTimeoutMs: parseInt(env, 'OURCUSTOMER_WS_INIT_TIMEOUT_MS', 3000, 100, 60_000),
    notices: {
      silentAfterDays: parseInt(env, 'OURCUSTOMER_SILENT_DAYS', 60, 1, 3650),
      collisionWindowDays: parseInt(env, 'OURCUSTOMER_COLLISION_WINDOW_DAYS', 7, 0, 365),
      sweepMinutes: parseInt(env, 'OURCUSTOMER_NOTICE_SWEEP_MINUTES', 60, 0, 7 * 24 * 60),
      dueTouchSweepSeconds: parseInt(env, 'OURCUSTOMER_DUE_TOUCH_SWEEP_SECONDS', 60, 0, 24 * 60 * 60),
    },
  };
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Colleague, ColleagueRole } from '../colleagues/colleague.entity';
import { ColleaguesRepository } from '../colleagues/colleagues.repository';
import { AppConfig, OidcConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DivisionsRepository } from '../divisions/divisions.repository';
import { AuthService, clientIp } from './auth.service';
import { SessionCache } from './session-cache';

const FLOW_COOKIE = 'oc_oidc';
const FLOW_PATH = '/auth/oidc';

/**
 * Why a sign-on could not complete. Only the code goes to the sign-in page (`?error=`), which has a message of its own
 * for each (web/src/auth/ssoErrors.ts): text taken from the address let a link make the page say anything.
 */
export type SsoErrorCode = 'not-configured' | 'unreachable' | 'refused' | 'unverified' | 'expired' | 'no-email' | 'no-division' | 'changed' | 'failed';

/** A sign-on that cannot complete: a code for the sign-in page, and the details for the audit trail. */
export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The claims of the ID token, completed from userinfo where the token lacks them. */
type Claims = Record<string, unknown> & { email?: unknown; email_verified?: unknown; name?: unknown };

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

/**
 * Only paths of this app: never another origin (`//evil.example`, or `/\\evil.example`, which browsers
 * read as `//evil.example`) or the sign-in page itself. The web app's own safeNext keeps the same rule.
 */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/sign-in') ? next : '/accounts';
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * OpenID Connect single sign-on (authorization code + PKCE, state and nonce).
 * Colleagues are matched by the verified email of the ID token; their division
 * comes from a configurable claim. Someone new whose claim names a division of
 * the hub becomes a REP there.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly colleagues: ColleaguesRepository,
    private readonly divisions: DivisionsRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionCache,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.oidc);
  }

  private settings(): OidcConfig {
    if (!this.config.oidc) throw new SsoError('not-configured', 'Single sign-on is not configured on this hub.');
    return this.config.oidc;
  }

  /** The provider's metadata, fetched once; a failed fetch is retried on the next sign-on. */
  private provider(): Promise<oidc.Configuration> {
    const settings = this.settings();
    this.discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Plain http is accepted for an identity provider on this machine only (development, tests).
        execute: isLoopback(settings.issuer) ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.logger.error(`discovery of ${settings.issuer} failed: ${String(error)}`);
        throw new SsoError('unreachable', 'The identity provider cannot be reached right now; try again or sign in with your password.');
      });
    return this.discovered;
  }

  private redirectUri(): string {
    return `${this.config.publicUrl}${FLOW_PATH}/callback`;
  }

  /** Step 1: remember the flow's secrets in a short-lived httpOnly cookie and send the browser to the provider. */
  async start(res: Response, next: unknown): Promise<string> {
    const provider = await this.provider();
    const flow: Flow = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), next: safeNext(next) };
    res.cookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      httpOnly: true, sameSite: 'lax', secure: this.config.publicUrl.startsWith('https:'), path: FLOW_PATH, maxAge: 10 * 60_000,
    });
    return oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    }).href;
  }

  /** Step 2: check the answer, match or create the colleague, open a session. Returns where to go next. */
  async callback(req: Request, res: Response): Promise<string> {
    const flow = this.readFlow(req);
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
    const provider = await this.provider();
    let claims: Claims;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, new URL(req.originalUrl, this.config.publicUrl), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      claims = idToken;
      // Conformant providers may put email and custom claims only in userinfo: ask for them there.
      if (typeof idToken.email !== 'string' || idToken[this.settings().divisionClaim] === undefined) {
        const userinfo = await oidc.fetchUserInfo(provider, tokens.access_token, idToken.sub);
        claims = { ...userinfo, ...idToken, email: idToken.email ?? userinfo.email, email_verified: idToken.email_verified ?? userinfo.email_verified };
        claims[this.settings().divisionClaim] ??= userinfo[this.settings().divisionClaim];
      }
    } catch (error) {
      this.logger.warn(`sign-on answer refused: ${String(error)}`);
      throw new SsoError('unverified', 'The identity provider’s answer could not be verified; please try again.');
    }
    const colleague = await this.colleagueFor(claims, req);
    await this.auth.startSession(req, res, colleague, 'SIGN_IN_SSO');
    return flow.next;
  }

  private readFlow(req: Request): Flow {
    const raw = (req.cookies as Record<string, string> | undefined)?.[FLOW_COOKIE];
    try {
      const flow = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8')) as Flow;
      if (flow.verifier && flow.state && flow.nonce) return flow;
    } catch {
      // reported below
    }
    throw new SsoError('expired', 'The sign-on took too long or was started in another browser; please start again.');
  }

  private async colleagueFor(claims: Claims, req: Request): Promise<Colleague> {
    const settings = this.settings();
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    // Only an email the provider vouches for: one that leaves email_verified out may let people choose their own
    // address, and so take over any colleague's account, an admin's too.
    if (!email || claims.email_verified !== true) {
      throw new SsoError('no-email', 'The identity provider did not confirm an email address for you.');
    }
    const claimed = claims[settings.divisionClaim];
    const division = typeof claimed === 'string' ? await this.divisions.findByKey(claimed) : null;
    const existing = await this.colleagues.findByEmail(email);
    const actor = { kind: 'anonymous' as const };
    let moved = false;
    const colleague = await this.db.transaction(async (tx): Promise<Colleague> => {
      if (existing) {
        if (division && division.id !== existing.divisionId) {
          await this.colleagues.setDivision(tx, existing.id, division.id);
          moved = true;
          await this.audit.record(actor, { action: 'UPDATE_COLLEAGUE_DIVISION_SSO', targetType: 'Colleague', targetId: existing.id, before: { divisionId: existing.divisionId }, after: { divisionId: division.id, claim: settings.divisionClaim }, ip: clientIp(req) }, tx);
          return { ...existing, divisionId: division.id };
        }
        return existing;
      }
      if (!division) {
        throw new SsoError('no-division', `Your account names no division of the hub (claim "${settings.divisionClaim}": ${typeof claimed === 'string' ? `"${claimed.slice(0, 60)}"` : 'missing'}); ask an admin to add you.`);
      }
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
      const created = await this.colleagues.insert(tx, { email, name, divisionId: division.id, role: ColleagueRole.REP, passwordHash: null });
      if (!created) throw new SsoError('changed', 'Your colleague record changed while signing in; please try again.');
      await this.audit.record(actor, { action: 'CREATE_COLLEAGUE_SSO', targetType: 'Colleague', targetId: created.id, after: { email, division: division.key, role: created.role }, ip: clientIp(req) }, tx);
      return created;
    });
    // Committed (the database announces it to every instance): this instance drops its cached sessions, which may
    // name the old division, now rather than when the announcement comes back.
    if (moved) this.sessions.changed();
    return colleague;
  }
}

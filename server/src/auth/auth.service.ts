import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Kind, parse } from 'graphql';
import { AuditService } from '../audit/audit.service';
import { UnauthenticatedError, TooManyAttemptsError, UserInputError } from '../common/errors';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ColleagueRole } from '../colleagues/colleague.entity';
import { AuthRepository } from './auth.repository';
import { Principal } from './principal';
import { SessionCache } from './session-cache';
import { newSecret, sameSecret, secretHash, verifyPassword } from './secrets';

export const SESSION_COOKIE = 'oc_session';
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

/**
 * The caller's address as Express reads it: the socket's, or with `trust proxy: loopback` (server.ts) the
 * X-Forwarded-For address a proxy on this host vouches for. The one rule for every audit entry.
 */
/**
 * The header by which the web app says who it believes is signed in (the colleague it shows). A browser's tabs share
 * one session cookie: when another colleague signs in in a second tab, a first tab still showing the first colleague
 * would act as the second (found by exploratory testing: a value typed by an admin was recorded as a rep's).
 */
export const EXPECTED_COLLEAGUE_HEADER = 'x-ourcustomer-colleague';

/** Refuses a request whose session is another colleague's than the one the page believes signed in: it signs in again. */
function checkExpectedColleague(req: Request, colleagueId: string): void {
  const expected = req.headers?.[EXPECTED_COLLEAGUE_HEADER];
  if (typeof expected !== 'string' || expected === '' || expected.toLowerCase() === colleagueId.toLowerCase()) return;
  throw new UnauthenticatedError('Someone else signed in in another tab of this browser since this page was opened: sign in again to go on as yourself.');
}

export function clientIp(req: Request): string | null {
  return req.ip ?? null;
}

function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthenticatedError('Authorization header: expected "Bearer <token>".');
  return match[1];
}

/**
 * What an admin-token request did, for the audit trail: its operation name, or its kind and root fields
 * ("mutation createColleague"). Never the query text: its arguments may hold a password.
 */
function operationName(req: Request): string | null {
  const body = req.body as { operationName?: unknown; query?: unknown } | undefined;
  if (typeof body?.operationName === 'string') return body.operationName.slice(0, 100);
  if (typeof body?.query !== 'string') return null;
  try {
    const operation = parse(body.query, { noLocation: true, maxTokens: 10_000 }).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation) return null;
    const fields = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…'));
    return `${operation.operation} ${fields.join(', ')}`.slice(0, 100);
  } catch {
    return null;
  }
}

/** Who a request is (session cookie, integration token, admin token), sign-in and sign-out. */
@Injectable()
export class AuthService {
  constructor(
    private readonly auth: AuthRepository,
    private readonly sessions: SessionCache,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Resolves the caller once per request, with the request's client address (clientIp), which the audit trail
   * records for everything the call does. An invalid or revoked bearer token fails at once.
   */
  async principalFor(req: Request): Promise<Principal> {
    const ip = clientIp(req);
    const token = bearer(req);
    if (token) {
      if (this.config.adminToken && sameSecret(token, this.config.adminToken)) {
        const principal: Principal = { kind: 'admin-token', ip };
        // Every use of the bootstrap token is on the record.
        await this.audit.record(principal, { action: 'USE_ADMIN_TOKEN', after: { operation: operationName(req) } });
        return principal;
      }
      const row = await this.auth.integrationToken(secretHash(token));
      if (!row) throw new UnauthenticatedError('The bearer token is not valid (unknown or revoked).');
      return { kind: 'integration', ...row, ip };
    }
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) {
      const session = await this.sessions.session(secretHash(cookie));
      if (session) {
        const { sessionId, id, email, name, role, divisionId } = session;
        checkExpectedColleague(req, id);
        return { kind: 'colleague', sessionId, id, email, name, role, divisionId, ip };
      }
    }
    return { kind: 'anonymous', ip };
  }

  async signIn(req: Request, res: Response, emailInput: string, password: string) {
    const email = emailInput.trim().toLowerCase();
    if (!email || email.length > 320) throw new UserInputError('email', 'an email address of at most 320 characters');
    if (!password || password.length > 1024) throw new UserInputError('password', 'a password of 1 to 1024 characters');
    const ip = clientIp(req);
    const colleague = await this.auth.colleagueForSignIn(email);
    const anonymous: Principal = { kind: 'anonymous' };
    // Counted before the (slow) check, for unknown emails too: parallel guesses cannot outrun the
    // count, and a lock does not tell which emails exist.
    const lockedUntil = await this.auth.countAttempt(email, MAX_FAILURES, LOCK_MINUTES);
    if (lockedUntil) {
      await this.audit.record(anonymous, { action: 'SIGN_IN', outcome: 'FAILURE', targetType: 'Colleague', targetId: colleague?.id ?? null, after: { email, reason: 'locked' }, ip });
      const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 60000));
      throw new TooManyAttemptsError(`Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
    const ok = await verifyPassword(colleague?.passwordHash ?? null, password);
    if (!colleague || !ok) {
      await this.audit.record(anonymous, { action: 'SIGN_IN', outcome: 'FAILURE', targetType: 'Colleague', targetId: colleague?.id ?? null, after: { email }, ip });
      throw new UnauthenticatedError('Wrong email or password.');
    }
    await this.startSession(req, res, colleague, 'SIGN_IN');
    return { colleagueId: colleague.id };
  }

  /** Opens a session for a colleague who proved who they are (password or SSO), sets the cookie, audits it. */
  async startSession(
    req: Request,
    res: Response,
    colleague: { id: string; email: string; name: string; role: ColleagueRole; divisionId: string },
    action: 'SIGN_IN' | 'SIGN_IN_SSO',
  ): Promise<void> {
    const secret = newSecret('ocs');
    const expiresAt = new Date(Date.now() + this.config.sessionHours * 3600_000);
    await this.auth.clearAttempts(colleague.email);
    const sessionId = await this.auth.createSession(colleague.id, secretHash(secret), expiresAt);
    const principal: Principal = { kind: 'colleague', sessionId, id: colleague.id, email: colleague.email, name: colleague.name, role: colleague.role, divisionId: colleague.divisionId };
    await this.audit.record(principal, { action, targetType: 'Colleague', targetId: colleague.id, ip: clientIp(req) });
    // Secure when the hub is served over https, whether or not this hop was (a proxy on another host ends TLS).
    const secure = req.secure || this.config.publicUrl.startsWith('https:');
    res.cookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
  }

  async signOut(req: Request, res: Response, principal: Principal): Promise<boolean> {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    if (principal.kind !== 'colleague') return false;
    await this.auth.revokeSession(principal.sessionId);
    // This instance need not wait for its own announcement to come back.
    this.sessions.changed();
    await this.audit.record(principal, { action: 'SIGN_OUT', targetType: 'Colleague', targetId: principal.id, ip: clientIp(req) });
    return true;
  }
}

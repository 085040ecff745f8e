import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { UnauthenticatedError } from '../common/errors';
import { LoadersFactory } from '../common/loaders';
import { RequestContext } from '../common/request-context';
import { credentialsRequest, WsCredentials } from './ws-credentials';


/** Close code for a connection whose session ended or token was revoked (graphql-ws uses 4403 for a refused connection too). */
export const SESSION_ENDED = { code: 4403, reason: 'Forbidden: the session ended or the token was revoked' } as const;

export interface ClosableSocket {
  close(code: number, reason: string): void;
}

/**
 * One authenticated graphql-ws connection. A socket lives for hours, so the
 * principal is looked up again now and then: a signed-out session or a revoked
 * token stops receiving updates, and a colleague moved to another division
 * reads confidential content by their current division.
 */
export class WsConnection {
  /** How long a connection trusts the principal it resolved before asking again (tests shorten it). */
  static recheckMs = 60_000;

  private checkedAt = Date.now();

  private constructor(
    private principal: Principal,
    private readonly credentials: WsCredentials,
    private readonly auth: AuthService,
    private readonly loaders: LoadersFactory,
    private readonly socket: ClosableSocket,
  ) {}

  /** Null when the credentials name nobody (anonymous, unknown or revoked token, expired session). */
  static async open(credentials: WsCredentials, auth: AuthService, loaders: LoadersFactory, socket: ClosableSocket): Promise<WsConnection | null> {
    const principal = await principalOrNull(auth, credentials);
    return principal ? new WsConnection(principal, credentials, auth, loaders, socket) : null;
  }

  get ip(): string | undefined {
    return this.credentials.ip;
  }

  /** A context like an HTTP request's: the current principal and loaders of its own. */
  async context(): Promise<RequestContext> {
    const principal = await this.current();
    // No HTTP response over a websocket: only subscriptions run here, and they read neither req nor res.
    return { req: credentialsRequest(this.credentials), res: undefined as unknown as Response, principal, loaders: this.loaders.create() };
  }

  private async current(): Promise<Principal> {
    // The admin token is configuration: it can't be revoked while the process runs (and each check is audited).
    if (this.principal.kind === 'admin-token' || Date.now() - this.checkedAt < WsConnection.recheckMs) return this.principal;
    const principal = await principalOrNull(this.auth, this.credentials);
    if (!principal) {
      this.socket.close(SESSION_ENDED.code, SESSION_ENDED.reason);
      throw new UnauthenticatedError('Your session ended: sign in again.');
    }
    this.principal = principal;
    this.checkedAt = Date.now();
    return principal;
  }
}

async function principalOrNull(auth: AuthService, credentials: WsCredentials): Promise<Principal | null> {
  const request: Request = credentialsRequest(credentials);
  try {
    const principal = await auth.principalFor(request);
    return principal.kind === 'anonymous' ? null : principal;
  } catch (error) {
    if (error instanceof UnauthenticatedError) return null;
    throw error;
  }
}

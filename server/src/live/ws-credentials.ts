import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { SESSION_COOKIE } from '../auth/auth.service';
import { AppConfig } from '../config/config';

/** What a websocket connection presents: a bearer token or a session cookie, and where it comes from. */
export interface WsCredentials {
  /** `Bearer …`, from connectionParams.authorization (or the upgrade request's Authorization header). */
  authorization?: string;
  session?: string;
  ip?: string;
}

/**
 * Reads the credentials of a graphql-ws connection. A token must be sent on
 * purpose (connectionParams); the cookie comes along by itself, so it counts
 * only from our own origin — otherwise any site a colleague visits could open
 * a socket with their session (cross-site websocket hijacking).
 */
export function wsCredentials(request: IncomingMessage, params: Readonly<Record<string, unknown>> | undefined, config: AppConfig): WsCredentials {
  const fromParams = params?.authorization ?? params?.Authorization;
  const authorization = typeof fromParams === 'string' ? fromParams : request.headers.authorization;
  const origin = request.headers.origin;
  const session = originAllowed(origin, request.headers.host, config) ? cookie(request.headers.cookie, SESSION_COOKIE) : undefined;
  return { authorization, session, ip: clientIp(request) };
}

/**
 * Same origin as the host asked for, or the configured public URL; browsers
 * always send Origin on a websocket handshake, other clients have no ambient
 * cookies to abuse. Outside production, localhost origins are fine (Vite's dev server).
 */
export function originAllowed(origin: string | undefined, host: string | undefined, config: AppConfig): boolean {
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (host && url.host === host) return true;
  if (url.origin === new URL(config.publicUrl).origin) return true;
  return !config.production && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * The request AuthService.principalFor reads (headers, cookies, ip, body for
 * the audit of admin-token use), built from the credentials: the upgrade
 * request went through no Express middleware (no cookie parser, no req.ip).
 */
export function credentialsRequest(credentials: WsCredentials): Request {
  const request = {
    headers: credentials.authorization ? { authorization: credentials.authorization } : {},
    cookies: credentials.session ? { [SESSION_COOKIE]: credentials.session } : {},
    ip: credentials.ip,
    body: { operationName: 'graphql-ws connection' },
  };
  return request as unknown as Request;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.split('=');
    if (key.trim() !== name) continue;
    try {
      return decodeURIComponent(value.join('=').trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Like Express with `trust proxy: loopback` (server.ts): a local proxy's X-Forwarded-For is believed, nothing else. */
function clientIp(request: IncomingMessage): string | undefined {
  const remote = request.socket.remoteAddress;
  if (!remote || !LOOPBACK.test(remote)) return remote;
  const forwarded = String(request.headers['x-forwarded-for'] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i -= 1) if (!LOOPBACK.test(forwarded[i])) return forwarded[i];
  return forwarded[0] ?? remote;
}

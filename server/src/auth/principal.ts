import { ColleagueRole } from '../colleagues/colleague.entity';

/**
 * Where a call came from, carried with the caller so that every audit entry of its request records it without
 * each service passing it on: the client address of the HTTP request (AuthService.principalFor, by the one
 * rule sign-in uses, clientIp). Absent or null for what no request made (the import, rekey and demo commands).
 */
export interface CallOrigin {
  ip?: string | null;
}

/** Who is calling: a signed-in colleague, a division's integration, the admin token, or nobody. */
export type Principal = CallOrigin & (
  | { kind: 'colleague'; id: string; email: string; name: string; role: ColleagueRole; divisionId: string; sessionId: string }
  | { kind: 'integration'; tokenId: string; divisionId: string; name: string }
  | { kind: 'admin-token' }
  | { kind: 'anonymous' }
);

/** The roles a rule can name. INTEGRATION is a division's system; ANONYMOUS is anyone. */
export type Audience = 'ANONYMOUS' | 'REP' | 'MANAGER' | 'ADMIN' | 'INTEGRATION';

/** Which audiences a principal belongs to. Roles nest: an admin may do what a manager may, and so on. */
export function audiencesOf(principal: Principal): Audience[] {
  switch (principal.kind) {
    case 'anonymous':
      return ['ANONYMOUS'];
    case 'integration':
      return ['ANONYMOUS', 'INTEGRATION'];
    case 'admin-token':
      return ['ANONYMOUS', 'REP', 'MANAGER', 'ADMIN'];
    case 'colleague':
      if (principal.role === ColleagueRole.ADMIN) return ['ANONYMOUS', 'REP', 'MANAGER', 'ADMIN'];
      if (principal.role === ColleagueRole.MANAGER) return ['ANONYMOUS', 'REP', 'MANAGER'];
      return ['ANONYMOUS', 'REP'];
  }
}

export function isAdmin(principal: Principal): boolean {
  return audiencesOf(principal).includes('ADMIN');
}

/** A label for logs and the audit trail (never a secret). */
export function actorLabel(principal: Principal): { kind: string; id: string | null; label: string } {
  switch (principal.kind) {
    case 'colleague':
      return { kind: 'COLLEAGUE', id: principal.id, label: principal.email };
    case 'integration':
      return { kind: 'INTEGRATION', id: principal.tokenId, label: `integration ${principal.name}` };
    case 'admin-token':
      return { kind: 'ADMIN_TOKEN', id: null, label: 'OURCUSTOMER_ADMIN_TOKEN' };
    case 'anonymous':
      return { kind: 'ANONYMOUS', id: null, label: 'anonymous' };
  }
}

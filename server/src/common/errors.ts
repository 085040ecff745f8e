import { GraphQLError } from 'graphql';

/** Bad input from a caller: says which argument and what was expected. */
export class UserInputError extends GraphQLError {
  constructor(argument: string, expected: string) {
    super(`Invalid ${argument}: expected ${expected}.`, {
      extensions: { code: 'BAD_USER_INPUT', argument },
    });
  }
}

/** An object that does not exist (or that the caller may not know exists). */
export class NotFoundError extends GraphQLError {
  constructor(what: string) {
    super(`${what} not found.`, { extensions: { code: 'NOT_FOUND' } });
  }
}

/** No valid session or token. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Sign in first.') {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** Signed in, but not allowed; never says whether the object exists. */
export class ForbiddenError extends GraphQLError {
  constructor() {
    super('Not allowed.', { extensions: { code: 'FORBIDDEN' } });
  }
}

export class TooManyAttemptsError extends GraphQLError {
  constructor(message: string, code = 'TOO_MANY_ATTEMPTS') {
    super(message, { extensions: { code } });
  }
}

/** A rule of the domain refused the change (e.g. a duplicate key). */
export class ConflictError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'CONFLICT' } });
  }
}

/**
 * An account that was merged into another (a survivor) and can no longer be changed itself: a CONFLICT, with the
 * survivor's id in `extensions.mergedIntoId`, so that a client that showed the merged account can go to the survivor.
 */
export class MergedAwayError extends GraphQLError {
  constructor(message: string, mergedIntoId: string, argument?: string) {
    super(message, { extensions: { code: 'CONFLICT', mergedIntoId, ...(argument ? { argument } : {}) } });
  }
}

/**
 * The one refusal of a change asked of a merged-away account, whichever mutation and argument named it: the id asked
 * for, the argument that named it, and the survivor at the end of the merge chain (a survivor merged away since is
 * not the one to use). Changes never act on the survivor silently; reads (`account(id:)`) answer with it.
 */
export function mergedAwayError(id: string, argument: string, survivorId: string): MergedAwayError {
  return new MergedAwayError(`Account ${id.toLowerCase()} (${argument}) was merged into ${survivorId}; use that account.`, survivorId, argument);
}

/**
 * A merge of two accounts (or people) that something keeps apart: refused
 * unless the caller says to override it. A person's decision (a DIFFERENT
 * decision, a split): who decided what, when and why in `extensions.keptApart`
 * (empty when no person did). Accounts whose registry ids differ, none shared:
 * which account gives which ids in `extensions.registryIds`.
 */
export class KeptApartError extends GraphQLError {
  constructor(
    message: string,
    keptApart: { kind: string; by: string | null; at: string; reason: string | null }[],
    registryIds?: { sameKind: boolean; accounts: { accountId: string; name: string; registryIds: string[] }[] } | null,
  ) {
    super(message, { extensions: { code: 'KEPT_APART', keptApart, ...(registryIds ? { registryIds } : {}) } });
  }
}

/** Error codes that are meant for the caller and never masked. */
export const CALLER_ERROR_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED', 'CONFLICT', 'KEPT_APART',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE', 'QUERY_TOO_COMPLEX', 'RESULT_TOO_LARGE',
]);

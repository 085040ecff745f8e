import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { CALLER_ERROR_CODES } from '../common/errors';

const logger = new Logger('GraphQL');

/** graphql-js's refusal of a document over `maxTokens` (LIMITS.maxTokens). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/**
 * Errors for the caller pass as they are; anything else is an internal error:
 * logged with an id, and in production masked to a message carrying only that id.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    if (CALLER_ERROR_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
      // The parser's words (with its typo, "more that") and a location at the end of the document say little of what to do.
      if (tokens) return { message: `The query document has more than ${tokens[1]} tokens, which is more than is allowed. Send large inputs, such as an ingest batch, as variables.`, extensions };
      return { ...formatted, extensions };
    }
    const id = randomUUID();
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    logger.error(`internal error ${id}: ${original instanceof Error ? original.stack : String(original)}`);
    if (!production) return { ...formatted, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: id } };
    return { message: `Internal server error (id ${id}).`, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: id } };
  };
}

import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { LIMITS } from './limits';

/**
 * The JSON body parser, and GraphQL-shaped answers for every body it cannot
 * take. Left alone, the parser's failures reached Nest's error handler, which
 * answers {message, error, statusCode}: GraphQL clients look for `errors` and
 * showed nothing useful. Each answer says what was wrong with the body, never
 * with a stack.
 */

const EXAMPLE = 'send one operation as a JSON object, e.g. {"query": "{ __typename }"}';

/** A parser error as body-parser and raw-body make them (http-errors), or a zlib error it wrapped. */
interface BodyError {
  status?: number;
  type?: string;
  message?: string;
  charset?: string;
  encoding?: string;
}

/** One GraphQL error, in the content type Apollo would choose for this request (it prefers the Accept header's choice). */
function refuse(req: Request, res: Response, status: number, code: string, message: string): void {
  const type = req.accepts(['application/json', 'application/graphql-response+json']) || 'application/json';
  res.status(status).type(`${type}; charset=utf-8`).send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A parser failure as the caller's error, saying what was wrong; anything not a 4xx passes on (a server fault). */
function bodyErrors(error: BodyError | undefined, req: Request, res: Response, next: NextFunction): void {
  const status = error?.status;
  if (!error || !status || status < 400 || status >= 500) return next(error);
  switch (error.type) {
    case 'entity.too.large':
      return refuse(req, res, 413, 'PAYLOAD_TOO_LARGE',
        `The request body is larger than ${LIMITS.bodyBytes.toUpperCase()}: send fewer items per ingest batch (they are limited to 5000, about 0.5 KB each) or split the request.`);
    case 'entity.parse.failed':
      return refuse(req, res, 400, 'BAD_REQUEST', `The request body is not valid JSON: ${withStop(error.message ?? 'unreadable')}`);
    case 'charset.unsupported':
      return refuse(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', `The request body is in charset "${error.charset}", which this server does not read: send JSON in UTF-8.`);
    case 'encoding.unsupported':
      return refuse(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE',
        `The request body is in content encoding "${error.encoding}", which this server does not read: send it as it is, or with gzip, deflate or br.`);
    default: {
      // A compressed body that does not decompress (zlib's own message, e.g. "incorrect header check", says little and
      // does not always survive http-errors' wrapping), a body cut short, a length that does not match Content-Length.
      const encoding = req.headers['content-encoding']?.toLowerCase();
      if (!error.type && encoding && encoding !== 'identity') {
        return refuse(req, res, 400, 'BAD_REQUEST', `The request body does not decompress: its content encoding says "${encoding}", but it is not ${encoding} data.`);
      }
      return refuse(req, res, status, 'BAD_REQUEST', `The request body could not be read: ${withStop(error.message ?? 'unreadable')}`);
    }
  }
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}

/**
 * A JSON body to /graphql that is not one object: Apollo answered an empty one
 * with "POST body missing, invalid Content-Type, or JSON object has no keys",
 * and any list, even [1], with "Operation batching disabled".
 */
function graphqlBodyShape(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || !req.is('application/json')) return next();
  const body: unknown = req.body;
  // No body at all leaves req.body unset; an empty one the parser reads as {}.
  if (body === undefined || req.headers['content-length'] === '0') return refuse(req, res, 400, 'BAD_REQUEST', `The request body is empty: ${EXAMPLE}.`);
  if (Array.isArray(body)) return refuse(req, res, 400, 'BAD_REQUEST', `The request body is a JSON list (a batch), which this server does not take: ${EXAMPLE}.`);
  if (typeof body !== 'object' || body === null) return refuse(req, res, 400, 'BAD_REQUEST', `The request body is JSON but not an object (${kindOf(body)}): ${EXAMPLE}.`);
  next();
}

/** Registers the parser and its answers; before any other middleware that could read the body. */
export function parseRequestBodies(app: NestExpressApplication, graphqlPath: string): void {
  // Not strict: strict mode refuses a JSON string or number as if it were no JSON at all ("Unexpected token '"', ""x"" is
  // not valid JSON"); graphqlBodyShape says what it is instead.
  app.useBodyParser('json', { limit: LIMITS.bodyBytes, strict: false });
  app.use(bodyErrors);
  app.use(graphqlPath, graphqlBodyShape);
}

import { gzipSync } from 'node:zlib';
import { serverAudits } from 'graphql-http';
import { startTestServer, TestServer } from '../support/server';

let hub: TestServer;
beforeAll(async () => {
  hub = await startTestServer({ demo: false });
});
afterAll(() => hub.close());

/**
 * The GraphQL-over-HTTP conformance audit of the graphql-http package against
 * the real server: every MUST passes; SHOULD/MAY results are listed in the README.
 */
describe('GraphQL over HTTP audit (graphql-http)', () => {
  const audits = serverAudits({ url: () => `${hub.url}/graphql` });
  const musts = audits.filter((audit) => audit.name.startsWith('MUST'));

  it('has MUST audits to run', () => expect(musts.length).toBeGreaterThan(10));

  it.each(musts.map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${'reason' in result ? result.reason : ''}`).toBe('ok');
  });

  it('reports its SHOULD results (listed in the README)', async () => {
    const shoulds = audits.filter((audit) => !audit.name.startsWith('MUST'));
    const failed: string[] = [];
    for (const audit of shoulds) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(audit.name);
    }
    console.log(`graphql-http SHOULD/MAY audits not passed (${failed.length}/${shoulds.length}):\n${failed.join('\n')}`);
    expect(failed.length).toBeLessThan(shoulds.length);
  });
});

/**
 * A body the server cannot take as one GraphQL request gets a GraphQL response
 * saying what was wrong, like every other refusal. They answered with Nest's
 * own shape ({message, error, statusCode}), which GraphQL clients do not read.
 */
describe('malformed request bodies', () => {
  const JSON_TYPE = { 'content-type': 'application/json' };
  const EXAMPLE = 'send one operation as a JSON object, e.g. {"query": "{ __typename }"}';

  async function post(body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE) {
    const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), nosniff: response.headers.get('x-content-type-options'), text, body: JSON.parse(text) as unknown };
  }

  /** The one GraphQL error of a refusal, and nothing else: no data, no stack, no fields of the framework's own shape. */
  function refusal(message: string | RegExp, code: string) {
    return { errors: [{ message: typeof message === 'string' ? message : expect.stringMatching(message), extensions: { code } }] };
  }

  const cases: [string, string | Uint8Array, Record<string, string>, number, ReturnType<typeof refusal>][] = [
    ['not JSON', '{nope', JSON_TYPE, 400, refusal(/^The request body is not valid JSON: Expected property name or '}' in JSON at position 1\b/, 'BAD_REQUEST')],
    ['JSON with text after it', '{"query": "{ __typename }"} and more', JSON_TYPE, 400,
      refusal(/^The request body is not valid JSON: Unexpected non-whitespace character after JSON at position 28\b/, 'BAD_REQUEST')],
    ['only blanks', '  \n ', JSON_TYPE, 400, refusal('The request body is not valid JSON: Unexpected end of JSON input.', 'BAD_REQUEST')],
    ['empty', '', JSON_TYPE, 400, refusal(`The request body is empty: ${EXAMPLE}.`, 'BAD_REQUEST')],
    ['a list of numbers', '[1]', JSON_TYPE, 400, refusal(`The request body is a JSON list (a batch), which this server does not take: ${EXAMPLE}.`, 'BAD_REQUEST')],
    ['an empty list', '[]', JSON_TYPE, 400, refusal(`The request body is a JSON list (a batch), which this server does not take: ${EXAMPLE}.`, 'BAD_REQUEST')],
    ['a string', '"x"', JSON_TYPE, 400, refusal(`The request body is JSON but not an object (a string): ${EXAMPLE}.`, 'BAD_REQUEST')],
    ['a number', '42', JSON_TYPE, 400, refusal(`The request body is JSON but not an object (a number): ${EXAMPLE}.`, 'BAD_REQUEST')],
    ['true', 'true', JSON_TYPE, 400, refusal(`The request body is JSON but not an object (a boolean): ${EXAMPLE}.`, 'BAD_REQUEST')],
    ['null', 'null', JSON_TYPE, 400, refusal(`The request body is JSON but not an object (null): ${EXAMPLE}.`, 'BAD_REQUEST')],
    ['in a charset other than UTF-8', '{"query": "{ __typename }"}', { 'content-type': 'application/json; charset=iso-8859-1' }, 415,
      refusal('The request body is in charset "iso-8859-1", which this server does not read: send JSON in UTF-8.', 'UNSUPPORTED_MEDIA_TYPE')],
    ['in an unknown content encoding', '{"query": "{ __typename }"}', { ...JSON_TYPE, 'content-encoding': 'zip' }, 415,
      refusal('The request body is in content encoding "zip", which this server does not read: send it as it is, or with gzip, deflate or br.', 'UNSUPPORTED_MEDIA_TYPE')],
    ['said to be gzip but not', '{"query": "{ __typename }"}', { ...JSON_TYPE, 'content-encoding': 'gzip' }, 400,
      refusal('The request body does not decompress: its content encoding says "gzip", but it is not gzip data.', 'BAD_REQUEST')],
  ];

  it.each(cases)('answers a body that is %s with a GraphQL error saying so', async (_name, body, headers, status, expected) => {
    const answer = await post(body, headers);
    expect(answer.body).toEqual(expected);
    expect(answer.status).toBe(status);
    expect(answer.type).toBe('application/json; charset=utf-8');
    expect(answer.text).not.toMatch(/\bat \S+ \(|node_modules|stack/i);
    // The answer quotes the caller's own bytes (the parser's reason, a charset): never to be sniffed as a page.
    expect(answer.nosniff).toBe('nosniff');
  });

  it('answers in application/graphql-response+json when the client prefers it, as Apollo does', async () => {
    const answer = await post('{nope', { ...JSON_TYPE, accept: 'application/graphql-response+json, application/json;q=0.9' });
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/graphql-response+json; charset=utf-8');
    expect(answer.body).toEqual(refusal(/^The request body is not valid JSON: /, 'BAD_REQUEST'));
  });

  it('answers a body over the limit with 413 and a GraphQL error naming the limit', async () => {
    const answer = await post(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(9 * 1024 * 1024)}` }));
    expect(answer.status).toBe(413);
    expect(answer.nosniff).toBe('nosniff');
    expect(answer.body).toEqual(refusal(
      'The request body is larger than 8MB: send fewer items per ingest batch (they are limited to 5000, about 0.5 KB each) or split the request.', 'PAYLOAD_TOO_LARGE'));
  });

  it('still takes a well-formed body, also compressed, and leaves a body without keys to Apollo', async () => {
    expect((await post('{"query": "{ __typename }"}')).body).toEqual({ data: { __typename: 'Query' } });
    expect((await post(gzipSync('{"query": "{ __typename }"}'), { ...JSON_TYPE, 'content-encoding': 'gzip' })).body).toEqual({ data: { __typename: 'Query' } });
    const keyless = await post('{}');
    expect(keyless.status).toBe(400);
    expect(keyless.body).toEqual(refusal('POST body missing, invalid Content-Type, or JSON object has no keys.', 'BAD_REQUEST'));
  });
});

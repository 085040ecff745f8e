import WebSocket from 'ws';
import { createDivisions, ingest } from '../support/ingest';
import { subscribed, wsUrl } from '../support/live';
import { startTestServer, TEST_ADMIN_TOKEN, TestServer } from '../support/server';
import { WS_MAX_MESSAGE_BYTES } from '../../server/src/live/ws-limits';

const PROTOCOL = 'graphql-transport-ws';
const INIT_TIMEOUT_MS = 300;
const INIT = { type: 'connection_init', payload: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } };

/** A raw socket speaking the protocol by hand, to see exactly what the server answers. */
class RawSocket {
  private readonly received: Record<string, unknown>[] = [];
  private waiting: ((message: Record<string, unknown>) => void) | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (this.waiting) this.waiting(message);
      else this.received.push(message);
      this.waiting = null;
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(url: string, protocol: string | null = PROTOCOL): Promise<RawSocket> {
    const ws = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new RawSocket(ws);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(timeoutMs = 5000): Promise<Record<string, unknown>> {
    if (this.received.length) return Promise.resolve(this.received.shift()!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message')), timeoutMs);
      this.waiting = (message) => (clearTimeout(timer), resolve(message));
    });
  }

  /** Sends connection_init and expects connection_ack. */
  async init(): Promise<void> {
    this.send(INIT);
    expect(await this.next()).toEqual({ type: 'connection_ack' });
  }
}

describe('graphql-ws protocol (graphql-transport-ws) on /graphql', () => {
  let hub: TestServer;
  let accountId: string;
  let url: string;
  const sockets: RawSocket[] = [];

  async function open(protocol?: string | null): Promise<RawSocket> {
    const socket = await RawSocket.open(url, protocol);
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    hub = await startTestServer({ demo: false, env: { OURCUSTOMER_WS_INIT_TIMEOUT_MS: String(INIT_TIMEOUT_MS) } });
    await createDivisions(hub, 'exhibits');
    url = wsUrl(hub);
    const landed = await ingest(hub.client({ bearer: TEST_ADMIN_TOKEN }), { division: 'exhibits', sourceSystem: 'exhibits-crm', accounts: [{ externalId: 'A-1', name: 'Initech' }] });
    accountId = landed.items[0].accountId!;
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.ws.terminate()));
  afterAll(() => hub?.close());

  it('closes with 4400 on an invalid message', async () => {
    const notJson = await open();
    notJson.send('{ this is not json');
    expect((await notJson.closed).code).toBe(4400);

    const noId = await open();
    await noId.init();
    noId.send({ type: 'subscribe', payload: { query: '{ __typename }' } });
    expect((await noId.closed).code).toBe(4400);
  });

  it('closes with 1009 on a message over the size limit, before anyone signed in', async () => {
    const socket = await open();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { filler: 'x'.repeat(WS_MAX_MESSAGE_BYTES) } }));
    expect((await socket.closed).code).toBe(1009);
    const fine = await open();
    await fine.init();
  });

  it('closes with 4401 on a subscribe before connection_ack', async () => {
    const socket = await open();
    socket.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { noticeAdded { id } }' } });
    expect(await socket.closed).toEqual({ code: 4401, reason: 'Unauthorized' });
  });

  it('closes with 4408 when no connection_init arrives in time (OURCUSTOMER_WS_INIT_TIMEOUT_MS)', async () => {
    const started = Date.now();
    const socket = await open();
    expect((await socket.closed).code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(INIT_TIMEOUT_MS - 50);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('closes with 4409 when a subscription id is already in use', async () => {
    const socket = await open();
    await socket.init();
    const subscription = { id: 'same', type: 'subscribe', payload: { query: 'subscription($a: ID!) { accountActivity(accountId: $a) { id } }', variables: { a: accountId } } };
    socket.send(subscription);
    await subscribed(hub, 'touchpoints', accountId);
    socket.send(subscription);
    expect((await socket.closed).code).toBe(4409);
  });

  it('closes with 4429 on a second connection_init', async () => {
    const socket = await open();
    await socket.init();
    socket.send(INIT);
    expect(await socket.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
  });

  it('answers ping with pong, echoing the payload', async () => {
    const socket = await open();
    await socket.init();
    socket.send({ type: 'ping', payload: { n: 1 } });
    expect(await socket.next()).toEqual({ type: 'pong', payload: { n: 1 } });
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
  });

  it('closes with 4403 when connection_init names nobody, and 4406 without the graphql-transport-ws subprotocol', async () => {
    const anonymous = await open();
    anonymous.send({ type: 'connection_init' });
    expect(await anonymous.closed).toEqual({ code: 4403, reason: 'Forbidden' });

    const noSubprotocol = await open(null);
    expect((await noSubprotocol.closed).code).toBe(4406);
  });

  it('answers a subscribe the server refuses with an error message, keeping the connection', async () => {
    const socket = await open();
    await socket.init();
    socket.send({ id: 'q', type: 'subscribe', payload: { query: 'subscription { nope }' } });
    expect(await socket.next()).toMatchObject({ id: 'q', type: 'error', payload: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    // A variable missing: the caller's error too, not an internal one.
    socket.send({ id: 'v', type: 'subscribe', payload: { query: 'subscription($a: ID!) { accountActivity(accountId: $a) { id } }', variables: {} } });
    expect(await socket.next()).toEqual({ id: 'v', type: 'error', payload: [expect.objectContaining({
      message: 'Variable "$a" of required type "ID!" was not provided.', extensions: { code: 'BAD_USER_INPUT' } })] });
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
  });
});

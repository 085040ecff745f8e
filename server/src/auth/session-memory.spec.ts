import { ColleagueRole } from '../colleagues/colleague.entity';
import { SessionRow } from './auth.repository';
import { SessionMemory } from './session-cache';

const HOUR = 3_600_000;

function row(overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    sessionId: 's1', id: 'c1', email: 'rep@ourcompany.example', name: 'Rep', role: ColleagueRole.REP, divisionId: 'd1',
    expiresAt: new Date(Date.now() + HOUR), ...overrides,
  };
}

/** SessionMemory on clocks the test moves. */
class Clocked extends SessionMemory {
  monotonic = 0;
  wall = Date.now();
  protected now(): number {
    return this.monotonic;
  }
  protected wallClock(): number {
    return this.wall;
  }
}

describe('SessionMemory', () => {
  const announcements = { listening: true };
  let memory: Clocked;
  let database: Map<string, SessionRow>;
  let reads: number;
  const read = async (hash: string) => {
    reads += 1;
    return database.get(hash) ?? null;
  };

  beforeEach(() => {
    announcements.listening = true;
    memory = new Clocked(announcements, 5_000, 3);
    database = new Map([['h1', row()]]);
    reads = 0;
  });

  it('answers a session from memory until the TTL, then reads it again', async () => {
    expect(await memory.session('h1', read)).toMatchObject({ sessionId: 's1' });
    memory.monotonic = 4_999;
    expect(await memory.session('h1', read)).toMatchObject({ sessionId: 's1' });
    expect(reads).toBe(1);
    memory.monotonic = 5_000;
    await memory.session('h1', read);
    expect(reads).toBe(2);
  });

  it('never answers a session past its expiry', async () => {
    database.set('h1', row({ expiresAt: new Date(memory.wall + 1_000) }));
    await memory.session('h1', read);
    memory.wall += 1_000;
    database.delete('h1');
    expect(await memory.session('h1', read)).toBeNull();
  });

  it('drops every session on a change', async () => {
    await memory.session('h1', read);
    database.delete('h1');
    memory.changed();
    expect(await memory.session('h1', read)).toBeNull();
    expect(memory.size).toBe(0);
  });

  it('does not keep a read that a change overtook (it may have seen the session before the change)', async () => {
    let finish: (r: SessionRow | null) => void = () => undefined;
    const slow = (): Promise<SessionRow | null> => new Promise((resolve) => (finish = resolve));
    const answer = memory.session('h1', slow);
    memory.changed();
    finish(row());
    expect(await answer).toMatchObject({ sessionId: 's1' });
    expect(memory.size).toBe(0);
  });

  it('keeps nothing and reads every time while changes are not heard (LISTEN down), dropping what it kept', async () => {
    await memory.session('h1', read);
    announcements.listening = false;
    database.delete('h1');
    expect(await memory.session('h1', read)).toBeNull();
    database.set('h1', row());
    await memory.session('h1', read);
    await memory.session('h1', read);
    expect(reads).toBe(4);
    expect(memory.size).toBe(0);
  });

  it('does not keep a read that finished after listening stopped', async () => {
    let finish: (r: SessionRow | null) => void = () => undefined;
    const answer = memory.session('h1', () => new Promise((resolve) => (finish = resolve)));
    announcements.listening = false;
    finish(row());
    await answer;
    expect(memory.size).toBe(0);
  });

  it('keeps no unknown token, and at most its capacity, oldest out first', async () => {
    expect(await memory.session('nobody', read)).toBeNull();
    expect(memory.size).toBe(0);
    for (const hash of ['h1', 'h2', 'h3', 'h4']) database.set(hash, row({ sessionId: hash }));
    for (const hash of ['h1', 'h2', 'h3', 'h4']) await memory.session(hash, read);
    expect(memory.size).toBe(3);
    reads = 0;
    await memory.session('h4', read);
    await memory.session('h1', read);
    expect(reads).toBe(1);
  });
});

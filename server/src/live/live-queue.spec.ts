import { LiveQueue } from './live-queue';

function queue(capacity = 3) {
  const ended = jest.fn();
  return { q: new LiveQueue<number>(capacity, () => new Error('too slow'), ended), ended };
}

describe('LiveQueue', () => {
  it('hands items over in order, to a waiting consumer at once', async () => {
    const { q } = queue();
    const waiting = q.next();
    q.push(1);
    q.push(2);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await q.next()).toEqual({ value: 2, done: false });
  });

  it('fails a subscriber that falls behind instead of growing without bound, and releases it once', async () => {
    const { q, ended } = queue(2);
    [1, 2, 3, 4].forEach((n) => q.push(n));
    await expect(q.next()).rejects.toThrow('too slow');
    expect(await q.next()).toEqual({ value: undefined, done: true });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('answers a pending next() with done when the consumer returns (unsubscribe does not wait for an item)', async () => {
    const { q, ended } = queue();
    const pending = q.next();
    await q.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    q.push(1);
    expect(await q.next()).toEqual({ value: undefined, done: true });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('rejects a pending next() when failed', async () => {
    const { q } = queue();
    const pending = q.next();
    q.fail(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
  });
});

type Waiter<T> = { resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void };

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * A bounded, single-consumer async queue: the bridge pushes, one subscription
 * pulls. A subscriber that falls `capacity` items behind is neither waited for
 * nor silently skipped: its queue fails, so it learns that it missed updates
 * (and can subscribe again and reload).
 */
export class LiveQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiter: Waiter<T> | null = null;
  private state: 'open' | 'failed' | 'ended' = 'open';
  private failure: Error | null = null;
  private released = false;

  constructor(
    private readonly capacity: number,
    private readonly overflow: () => Error,
    /** Called once, however the queue ends: the bridge forgets it. */
    private readonly onEnd: () => void,
  ) {}

  push(item: T): void {
    if (this.state !== 'open') return;
    if (this.waiter) return this.take().resolve({ value: item, done: false });
    if (this.items.length >= this.capacity) return this.fail(this.overflow());
    this.items.push(item);
  }

  /** Ends the queue with an error; what is still queued is dropped, the error is the next thing the consumer sees. */
  fail(error: Error): void {
    if (this.state !== 'open') return;
    this.items.length = 0;
    this.release();
    if (this.waiter) {
      this.state = 'ended';
      this.take().reject(error);
    } else {
      this.state = 'failed';
      this.failure = error;
    }
  }

  /** Ends the queue quietly: a pending or later `next()` answers done. */
  end(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.items.length = 0;
    this.failure = null;
    this.release();
    if (this.waiter) this.take().resolve(DONE);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.state === 'failed') {
      const failure = this.failure!;
      this.end();
      return Promise.reject(failure);
    }
    if (this.state === 'ended') return Promise.resolve(DONE);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** The consumer stopped (unsubscribed, socket closed): release everything. */
  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private take(): Waiter<T> {
    const waiter = this.waiter!;
    this.waiter = null;
    return waiter;
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.onEnd();
  }
}

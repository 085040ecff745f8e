import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, GraphQLError } from 'graphql';

/** Gives each event of a subscription a context of its own, or none to reuse the subscription's. */
export type EventContexts = (subscriptionContext: unknown) => (() => Promise<unknown>) | undefined;

/**
 * graphql-js `subscribe`, except that every event executes with a fresh
 * context: graphql-js would reuse the subscription's for hours, and with it
 * its DataLoader caches and the principal as it was when the socket opened.
 */
export function perEventSubscribe(contexts: EventContexts) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const fresh = contexts(args.contextValue);
    return mapEvents(stream[Symbol.asyncIterator](), async (event) => {
      let contextValue = args.contextValue;
      try {
        if (fresh) contextValue = await fresh();
      } catch (error) {
        return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error), { originalError: error as Error })] };
      }
      return execute({ ...args, rootValue: event, contextValue });
    });
  };
}

/**
 * Maps an iterator without an async generator: a generator's return() waits
 * for its pending next(), so an unsubscribe would hang until the next event.
 */
function mapEvents<T, R>(source: AsyncIterator<T>, map: (event: T) => Promise<R>): AsyncIterableIterator<R> {
  const done = async (): Promise<IteratorResult<R>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next() {
      const pulled = await source.next();
      return pulled.done ? { value: undefined, done: true } : { value: await map(pulled.value), done: false };
    },
    return: done,
    async throw(error?: unknown) {
      await done();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

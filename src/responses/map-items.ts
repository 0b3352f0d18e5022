type Step<T> = IteratorResult<T, unknown>;

/**
 * An async iterable of `map(item)` for each item of `source`, without an async generator in
 * between: one `.then` per item instead of a generator's queue and awaits. Like `for await`,
 * it awaits items of a sync iterable that are promises; `return()` (a client that went away)
 * is passed on, so the source's `finally` blocks run.
 */
export function mapItems<T>(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  map: (item: unknown) => T,
): AsyncIterable<T> {
  // an item `map` rejects ends the iteration: the source is closed (its finally blocks run), as
  // a for-await loop closes what it iterates when its body throws
  const mapped = (value: unknown, close: () => unknown): Step<T> => {
    try {
      return { done: false, value: map(value) };
    } catch (error) {
      Promise.resolve(close()).catch(() => undefined);
      throw error;
    }
  };
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (Symbol.asyncIterator in source) {
        const it = source[Symbol.asyncIterator]();
        return {
          next: () =>
            it
              .next()
              .then((step) =>
                step.done ? (step as Step<T>) : mapped(step.value, () => it.return?.()),
              ),
          return: async (value?: unknown) => {
            await it.return?.(value);
            return { done: true, value };
          },
        };
      }
      const it = (source as Iterable<unknown>)[Symbol.iterator]();
      return {
        next: () => {
          const step = it.next();
          if (step.done) return Promise.resolve(step as Step<T>);
          return Promise.resolve(step.value).then((value) => mapped(value, () => it.return?.()));
        },
        return: (value?: unknown) => {
          it.return?.(value);
          return Promise.resolve({ done: true, value });
        },
      };
    },
  };
}

type Step<T> = IteratorResult<T, unknown>;

/**
 * An async iterable of `map(item)` for each item of `source`, without an async generator in
 * between: one `.then` per item instead of a generator's queue and awaits. Like `for await`,
 * it awaits items of a sync iterable that are promises; `return()` (a client that went away)
 * is passed on, so the source's `finally` blocks run.
 */
export function mapEvents<T>(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  map: (item: unknown) => T,
): AsyncIterable<T> {
  const mapStep = (step: Step<unknown>): Step<T> =>
    step.done ? (step as Step<T>) : { done: false, value: map(step.value) };
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (Symbol.asyncIterator in source) {
        const it = source[Symbol.asyncIterator]();
        return {
          next: () => it.next().then(mapStep),
          return: (value?: unknown) =>
            it.return === undefined
              ? Promise.resolve({ done: true, value })
              : Promise.resolve(it.return(value)).then(mapStep),
        };
      }
      const it = (source as Iterable<unknown>)[Symbol.iterator]();
      return {
        next: () => {
          const step = it.next();
          if (step.done) return Promise.resolve(step as Step<T>);
          return Promise.resolve(step.value).then((value) => ({ done: false, value: map(value) }));
        },
        return: (value?: unknown) => {
          it.return?.(value);
          return Promise.resolve({ done: true, value });
        },
      };
    },
  };
}

/** FastAPI sends `: ping` on an event stream that has been idle for 15 s. */
export const DEFAULT_KEEP_ALIVE = 15_000;
const PING = ": ping\n\n";
const TICK = Symbol("tick");

/**
 * `frames` with a `: ping` comment whenever no frame came for `interval` ms, so proxies and
 * browsers keep an idle stream open. The pending frame is kept across pings, never re-requested.
 */
export function withKeepAlive(
  frames: AsyncIterable<string>,
  interval: number,
): AsyncIterable<string> {
  if (!(interval > 0)) return frames;
  return {
    [Symbol.asyncIterator](): AsyncIterator<string> {
      const it = frames[Symbol.asyncIterator]();
      let pending: Promise<IteratorResult<string>> | undefined;
      return {
        next() {
          const current = (pending ??= it.next());
          let timer: NodeJS.Timeout | undefined;
          const tick = new Promise<typeof TICK>((resolve) => {
            timer = setTimeout(resolve, interval, TICK);
          });
          return Promise.race([current, tick]).then(
            (step) => {
              clearTimeout(timer);
              if (step === TICK) return { done: false, value: PING };
              pending = undefined;
              return step;
            },
            (error: unknown) => {
              clearTimeout(timer);
              pending = undefined;
              throw error;
            },
          );
        },
        return: async (value?: unknown) => {
          await it.return?.(value);
          return { done: true, value };
        },
      };
    },
  };
}

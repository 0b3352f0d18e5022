/** FastAPI sends `: ping` on an event stream that has been idle for 15 s. */
export const DEFAULT_KEEP_ALIVE = 15_000;
const PING = ": ping\n\n";

type Step = IteratorResult<string>;

/**
 * `frames` with a `: ping` comment whenever no frame came for `interval` ms, so proxies and
 * browsers keep an idle stream open. The pending frame is kept across pings, never re-requested.
 * One timer per stream, re-armed by each `next()`, and one promise per frame: a timer and a
 * `Promise.race` per event doubled what an event stream allocates.
 */
export function withKeepAlive(
  frames: AsyncIterable<string>,
  interval: number,
): AsyncIterable<string> {
  if (!(interval > 0)) return frames;
  return {
    [Symbol.asyncIterator](): AsyncIterator<string> {
      const it = frames[Symbol.asyncIterator]();
      // the source's step being awaited; kept across pings until a waiting next() takes it
      let pending: Promise<Step> | undefined;
      let settle: ((step: Step) => void) | undefined;
      let fail: ((error: unknown) => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      const wait = (resolve: (step: Step) => void, reject: (error: unknown) => void) => {
        settle = resolve;
        fail = reject;
      };
      const stop = () => {
        if (timer !== undefined) clearTimeout(timer);
      };
      const onTick = () => {
        const resolve = settle;
        settle = fail = undefined;
        resolve?.({ done: false, value: PING });
      };
      // a step that arrives after a ping answered the waiting next() stays in `pending`
      const onStep = (step: Step) => {
        const resolve = settle;
        if (resolve === undefined) return;
        settle = fail = pending = undefined;
        if (step.done) stop();
        resolve(step);
      };
      const onError = (error: unknown) => {
        const reject = fail;
        if (reject === undefined) return;
        settle = fail = pending = undefined;
        stop();
        reject(error);
      };
      return {
        next() {
          if (timer === undefined) timer = setTimeout(onTick, interval);
          else timer.refresh();
          pending ??= it.next();
          pending.then(onStep, onError);
          return new Promise<Step>(wait);
        },
        return: async (value?: unknown) => {
          stop();
          await it.return?.(value);
          return { done: true, value };
        },
      };
    },
  };
}

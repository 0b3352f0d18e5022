import { HTTPException } from "../errors/http-exception.js";
import { runAfterSend } from "../http/after-send.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import type { ConcurrencyLimiter } from "./concurrency.js";

type Run = (ctx: RequestContext) => MaybePromise<OutgoingResponse>;

/** `ctx.signal`'s reason when a route's `timeout` passes */
export class DeadlineExceeded extends Error {
  constructor(timeout: number) {
    super(`the route's timeout of ${timeout} ms passed`);
    this.name = "DeadlineExceeded";
  }
}

function isStream(body: OutgoingResponse["body"]): body is AsyncIterable<string | Uint8Array> {
  return body !== null && typeof body === "object" && !(body instanceof Uint8Array);
}

/**
 * A streamed body that calls `done` once, when it ends, fails or is abandoned (the client went
 * away), and stops early (as if complete) when `stop` resolves first.
 */
function watchStream(
  body: AsyncIterable<string | Uint8Array>,
  done: () => void,
  stop: Promise<void> | null,
): AsyncIterable<string | Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      const it = body[Symbol.asyncIterator]();
      const finish = <T>(value: T): T => {
        done();
        return value;
      };
      const ended = { done: true as const, value: undefined };
      return {
        next() {
          const step = it.next();
          const raced = stop === null ? step : Promise.race([step, stop.then(() => null)]);
          return raced.then(
            (result) => {
              if (result === null) {
                void it.return?.();
                return finish(ended);
              }
              return result.done ? finish(result) : result;
            },
            (error: unknown) => {
              done();
              throw error;
            },
          );
        },
        async return(value?: unknown) {
          try {
            await it.return?.(value);
          } finally {
            done();
          }
          return ended;
        },
      };
    },
  };
}

/**
 * Wraps a compiled route with its serving controls: a concurrency slot held until the response
 * (a stream included) is complete, and a deadline after which `ctx.signal` aborts and the
 * client gets 504 (a stream already started just ends there).
 */
export function guardRoute(
  run: Run,
  limiter: ConcurrencyLimiter | null,
  timeout: number | undefined,
  hooks: DeadlineHooks = { onTimeout: () => undefined, logError: () => undefined },
): Run {
  const timed: Run =
    timeout === undefined ? run : (ctx) => runWithDeadline(run, ctx, timeout, hooks);
  if (limiter === null) return timed;
  return (ctx) => {
    const slot = limiter.acquire();
    if (slot === true) return runHolding(timed, ctx, limiter);
    return slot.then(() => runHolding(timed, ctx, limiter));
  };
}

function runHolding(run: Run, ctx: RequestContext, limiter: ConcurrencyLimiter) {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    limiter.release();
  };
  const keep = (response: OutgoingResponse): OutgoingResponse => {
    if (!isStream(response.body)) {
      release();
      return response;
    }
    response.body = watchStream(response.body, release, null);
    // a stream the transport never starts (the client left first) still frees its slot
    ctx.signal.addEventListener("abort", release, { once: true });
    return response;
  };
  let result: MaybePromise<OutgoingResponse>;
  try {
    result = run(ctx);
  } catch (error) {
    release();
    throw error;
  }
  if (!isThenable<OutgoingResponse>(result)) return keep(result);
  return Promise.resolve(result).then(keep, (error: unknown) => {
    release();
    throw error;
  });
}

export interface DeadlineHooks {
  /** counts a request answered 504 */
  onTimeout(): void;
  logError(message: string, error: unknown): void;
}

function runWithDeadline(run: Run, ctx: RequestContext, timeout: number, hooks: DeadlineHooks) {
  const deadline = Date.now() + timeout;
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      hooks.onTimeout();
      ctx.abort(new DeadlineExceeded(timeout));
      resolve();
    }, timeout);
  });
  const settle = (response: OutgoingResponse): OutgoingResponse => {
    if (!isStream(response.body) || Date.now() >= deadline) {
      clearTimeout(timer);
      return response;
    }
    // the deadline covers the whole stream: it ends where the time runs out
    const stop = expired;
    response.body = watchStream(response.body, () => clearTimeout(timer), stop);
    return response;
  };
  let result: MaybePromise<OutgoingResponse>;
  try {
    result = run(ctx);
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  if (!isThenable<OutgoingResponse>(result)) return settle(result);
  // a handler that finishes after its 504 was sent schedules its teardown (and background
  // tasks) after the transport already ran the request's after-send work: run it then
  const finishLate = () => {
    if (late) void Promise.resolve().then(() => runAfterSend(ctx, hooks.logError));
  };
  return Promise.race([
    Promise.resolve(result).then(
      (response) => {
        finishLate();
        return settle(response);
      },
      (error: unknown) => {
        clearTimeout(timer);
        finishLate();
        throw error;
      },
    ),
    expired.then(() => {
      throw new HTTPException(504);
    }),
  ]);
}

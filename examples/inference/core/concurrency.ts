/**
 * Serving controls for model calls: `limit` requests run at once, `queue` more wait in FIFO order
 * for at most `queueTimeout` ms (beyond: 503 with Retry-After), and each request has a deadline
 * (504, the backend request aborted through the signal).
 */

import { Depends, dependency, HTTPException } from "tailor";
import { getSettings } from "./config.js";

export interface AdmissionOptions {
  limit: number;
  queue: number;
  queueTimeoutMs: number;
}

/** The deadline of a request passed: the signal given to the backend aborts with this. */
export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request deadline of ${timeoutMs} ms exceeded`);
    this.name = "DeadlineExceededError";
  }
}

interface Waiter {
  admit: () => void;
}

function overloaded(message: string): HTTPException {
  return new HTTPException(503, message, { "Retry-After": "1" });
}

// #region queue
/** At most `limit` holders; the next `queue` callers wait first come, first served. */
export class AdmissionQueue {
  readonly options: AdmissionOptions;
  #running = 0;
  readonly #waiting: Waiter[] = [];

  constructor(options: AdmissionOptions) {
    this.options = options;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** every slot taken and the queue full: the next request would get 503 */
  get saturated(): boolean {
    return this.#running >= this.options.limit && this.#waiting.length >= this.options.queue;
  }

  /** resolves with a slot; 503 when the queue is full or the wait outlasts `queueTimeoutMs` */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#running < this.options.limit && this.#waiting.length === 0) {
      this.#running++;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.options.queue) {
      return Promise.reject(overloaded("Too many requests in flight, retry later"));
    }
    return new Promise<void>((resolve, reject) => {
      const leave = (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(error);
      };
      const onAbort = () => leave(signal?.reason);
      const timer = setTimeout(
        () => leave(overloaded("No capacity freed up in time, retry later")),
        this.options.queueTimeoutMs,
      );
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** gives the slot to the longest waiting caller, or frees it */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next.admit();
    else if (this.#running > 0) this.#running--;
  }
}
// #endregion queue

/** The app's queue, as the lifespan put it in the app state. */
export const getAdmission = dependency({}, function getAdmission(_args, ctx): AdmissionQueue {
  return ctx.state.admission;
});

// #region slot
/**
 * A slot in the queue for the whole response (a stream holds it until it ends) and the signal to
 * hand the backend: it aborts at the deadline or when the client disconnects.
 */
export const modelSlot = dependency(
  { admission: Depends(getAdmission), settings: Depends(getSettings) },
  async function* modelSlot({ admission, settings }, ctx) {
    const deadline = new AbortController();
    const timeoutMs = settings.request_timeout_ms;
    const timer = setTimeout(() => deadline.abort(new DeadlineExceededError(timeoutMs)), timeoutMs);
    const signal = AbortSignal.any([ctx.signal, deadline.signal]);
    try {
      await admission.acquire(signal);
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
    try {
      yield { signal };
    } finally {
      clearTimeout(timer);
      admission.release();
    }
  },
);
// #endregion slot

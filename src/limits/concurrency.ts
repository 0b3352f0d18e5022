import { HTTPException } from "../errors/http-exception.js";

/** A route's concurrency: `limit` at once, then up to `queue` waiting FIFO for `queueTimeout` ms. */
export interface ConcurrencyOptions {
  /** requests served at once */
  limit: number;
  /** requests waiting for a slot (default 0: answer 503 at once when all slots are busy) */
  queue?: number;
  /** ms a request may wait in the queue before it gets 503 (default: as long as it takes) */
  queueTimeout?: number;
  /** seconds sent in `Retry-After` with a 503 (default 1) */
  retryAfter?: number;
}

/** Counters of one limiter, for a readiness probe. */
export interface ConcurrencyStats {
  active: number;
  queued: number;
  /** turned away because the queue was full */
  rejected: number;
  /** turned away after waiting `queueTimeout` ms */
  timedOut: number;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | undefined;
  /** set once it left the queue by timing out (it stays in the array until reached) */
  gone: boolean;
}

/**
 * A counting semaphore with a bounded FIFO queue. `acquire` answers `true` when a slot is free
 * (no promise on the fast path), a promise that resolves in arrival order when one frees up,
 * or throws a 503 HTTPException with `Retry-After` when the queue is full.
 */
export class ConcurrencyLimiter implements ConcurrencyStats {
  active = 0;
  queued = 0;
  rejected = 0;
  timedOut = 0;
  readonly #limit: number;
  readonly #queueSize: number;
  readonly #queueTimeout: number | undefined;
  readonly #retryAfter: string;
  // a ring would save the occasional compaction; arrays shift in O(n) only past the head index
  #waiters: Waiter[] = [];
  #head = 0;

  constructor(options: ConcurrencyOptions) {
    this.#limit = options.limit;
    this.#queueSize = options.queue ?? 0;
    this.#queueTimeout = options.queueTimeout;
    this.#retryAfter = String(options.retryAfter ?? 1);
  }

  acquire(): true | Promise<void> {
    if (this.active < this.#limit) {
      this.active++;
      return true;
    }
    if (this.queued >= this.#queueSize) {
      this.rejected++;
      throw this.#unavailable();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined, gone: false };
      if (this.#queueTimeout !== undefined) {
        waiter.timer = setTimeout(() => {
          waiter.gone = true;
          this.queued--;
          this.timedOut++;
          reject(this.#unavailable());
        }, this.#queueTimeout);
      }
      this.#waiters.push(waiter);
      this.queued++;
    });
  }

  /** frees a slot: the longest-waiting request takes it over */
  release(): void {
    while (this.#head < this.#waiters.length) {
      const waiter = this.#waiters[this.#head]!;
      this.#waiters[this.#head++] = undefined as never;
      if (this.#head > 1024 && this.#head * 2 > this.#waiters.length) {
        this.#waiters = this.#waiters.slice(this.#head);
        this.#head = 0;
      }
      if (waiter.gone) continue;
      clearTimeout(waiter.timer);
      this.queued--;
      waiter.resolve(); // the slot passes on: `active` stays the same
      return;
    }
    this.active--;
  }

  get stats(): ConcurrencyStats {
    return {
      active: this.active,
      queued: this.queued,
      rejected: this.rejected,
      timedOut: this.timedOut,
    };
  }

  #unavailable(): HTTPException {
    return new HTTPException(503, undefined, { "Retry-After": this.#retryAfter });
  }
}

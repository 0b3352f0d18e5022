/** `max_concurrent_requests`: an app-wide semaphore, held by a request until its response ends. */

import { Depends, dependency, HTTPException } from "tailor";

export class Semaphore {
  #free: number;
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#free = capacity;
  }

  get inUse(): number {
    return this.capacity - this.#free;
  }

  tryAcquire(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  release(): void {
    if (this.#free < this.capacity) this.#free++;
  }
}

// #region limit
/**
 * A dependency that admits at most `capacity` requests at a time. The semaphore is app-scoped
 * (one per app); each request takes a slot or gets 429, and gives it back after its response
 * was sent — for a stream, when the stream ends.
 */
export function concurrencyLimit(capacity: number, retryAfterSeconds = 1) {
  const getSemaphore = dependency({}, () => new Semaphore(capacity), { scope: "app" });
  const slot = dependency(
    { semaphore: Depends(getSemaphore) },
    async function* concurrencySlot({ semaphore }) {
      if (!semaphore.tryAcquire()) {
        throw new HTTPException(429, "Too many concurrent requests", {
          "Retry-After": String(retryAfterSeconds),
        });
      }
      try {
        yield;
      } finally {
        semaphore.release();
      }
    },
  );
  return Depends(slot);
}
// #endregion limit

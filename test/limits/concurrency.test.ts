// ConcurrencyLimiter: a bounded FIFO queue in front of a counting semaphore.

import { HTTPException } from "tailor";
import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "../../src/limits/index.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ConcurrencyLimiter", () => {
  it("grants free slots synchronously, without a promise", () => {
    const limiter = new ConcurrencyLimiter({ limit: 2 });
    expect(limiter.acquire()).toBe(true);
    expect(limiter.acquire()).toBe(true);
    expect(limiter.stats).toEqual({ active: 2, queued: 0, rejected: 0, timedOut: 0 });
  });

  it("hands freed slots to waiters in arrival order", async () => {
    const limiter = new ConcurrencyLimiter({ limit: 1, queue: 50 });
    limiter.acquire();
    const order: number[] = [];
    const waiting = Array.from({ length: 50 }, (_, i) =>
      (limiter.acquire() as Promise<void>).then(() => {
        order.push(i);
        limiter.release();
      }),
    );
    expect(limiter.stats.queued).toBe(50);
    limiter.release();
    await Promise.all(waiting);
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(limiter.stats).toEqual({ active: 0, queued: 0, rejected: 0, timedOut: 0 });
  });

  it("answers 503 with Retry-After once the queue is full", () => {
    const limiter = new ConcurrencyLimiter({ limit: 1, queue: 2, retryAfter: 7 });
    limiter.acquire();
    void limiter.acquire();
    void limiter.acquire();
    let error: unknown;
    try {
      limiter.acquire();
    } catch (raised) {
      error = raised;
    }
    expect(error).toBeInstanceOf(HTTPException);
    expect(error).toMatchObject({ status: 503, headers: { "Retry-After": "7" } });
    expect(limiter.stats).toEqual({ active: 1, queued: 2, rejected: 1, timedOut: 0 });
  });

  it("answers 503 to a waiter after queueTimeout, and skips it when a slot frees", async () => {
    const limiter = new ConcurrencyLimiter({ limit: 1, queue: 5, queueTimeout: 20 });
    limiter.acquire();
    const first = limiter.acquire() as Promise<void>;
    await expect(first).rejects.toMatchObject({ status: 503 });
    const second = limiter.acquire() as Promise<void>;
    limiter.release();
    await second;
    expect(limiter.stats).toEqual({ active: 1, queued: 0, rejected: 0, timedOut: 1 });
    limiter.release();
    expect(limiter.stats.active).toBe(0);
  });

  it("keeps its queue bounded under a burst far larger than limit + queue", async () => {
    const limiter = new ConcurrencyLimiter({ limit: 4, queue: 8 });
    let admitted = 0;
    let turnedAway = 0;
    let peak = 0;
    const tasks: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      try {
        const slot = limiter.acquire();
        const run = async () => {
          if (slot !== true) await slot;
          admitted++;
          peak = Math.max(peak, limiter.active);
          await sleep(1);
          limiter.release();
        };
        tasks.push(run());
      } catch {
        turnedAway++;
      }
    }
    await Promise.all(tasks);
    expect(admitted).toBe(12);
    expect(turnedAway).toBe(988);
    expect(peak).toBeLessThanOrEqual(4);
    expect(limiter.stats).toMatchObject({ active: 0, queued: 0, rejected: 988 });
  });
});

/** Requests per minute and API key: a fixed one-minute window per key id. */

import { Depends, dependency, HTTPException } from "tailor";
import { verifyApiKey } from "../services/auth.js";

// #region rate-limit
export class RateLimiter {
  readonly perMinute: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  /** `perMinute` 0: no limit; `now` is the clock (tests pass their own) */
  constructor(perMinute: number, now: () => number = Date.now) {
    this.perMinute = perMinute;
    this.#now = now;
  }

  /** counts one request of `key`: 0 when admitted, else the seconds until its window ends */
  take(key: string): number {
    if (this.perMinute === 0) return 0;
    const now = this.#now();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= this.perMinute) return Math.ceil((window.start + 60_000 - now) / 1000);
    window.count++;
    return 0;
  }
}

/** The app's limiter, as the lifespan put it in the app state. */
export const getRateLimiter = dependency({}, function getRateLimiter(_args, ctx): RateLimiter {
  return ctx.state.rateLimiter;
});

/** 429 with Retry-After once the caller's key used up its requests of the minute */
export const rateLimit = dependency(
  { caller: Depends(verifyApiKey), limiter: Depends(getRateLimiter) },
  function rateLimit({ caller, limiter }) {
    const retryAfter = limiter.take(caller.keyId);
    if (retryAfter > 0) {
      throw new HTTPException(
        429,
        `Rate limit of ${limiter.perMinute} requests per minute reached`,
        {
          "Retry-After": String(retryAfter),
        },
      );
    }
  },
);
// #endregion rate-limit

/**
 * The serving controls of the model routes, from the settings: the framework's `concurrency`
 * (`limit` at once, `queue` more waiting FIFO for at most `queueTimeout` ms, beyond: 503 with
 * Retry-After) and `timeout` (504, `ctx.signal` aborts the backend request).
 */

import { type ConcurrencyOptions, dependency, type ServingStats } from "tailor";
import type { InferenceSettings } from "./config.js";

// #region controls
/** the app-wide defaults every route starts from (probes opt out with `concurrency: null`) */
export function servingControls(settings: InferenceSettings): {
  concurrency: ConcurrencyOptions;
  timeout: number;
} {
  return {
    concurrency: {
      limit: settings.max_concurrent_requests,
      queue: settings.max_queued_requests,
      queueTimeout: settings.queue_timeout_ms,
      retryAfter: 1,
    },
    timeout: settings.request_timeout_ms,
  };
}

/** what /ready reports: requests served and waiting, and whether a route turns requests away */
export interface Load {
  running: number;
  queued: number;
  /** some route has every slot taken and its queue full: its next request gets 503 */
  saturated: boolean;
}

export function loadOf(stats: ServingStats, settings: InferenceSettings): Load {
  let running = 0;
  let queued = 0;
  let saturated = false;
  for (const route of Object.values(stats.routes)) {
    running += route.active;
    queued += route.queued;
    if (
      route.active >= settings.max_concurrent_requests &&
      route.queued >= settings.max_queued_requests
    ) {
      saturated = true;
    }
  }
  return { running, queued, saturated };
}
// #endregion controls

/** The app's serving counters, as the lifespan put them in the app state. */
export const getServingStats = dependency({}, function getServingStats(_args, ctx) {
  return ctx.state.servingStats as () => ServingStats;
});

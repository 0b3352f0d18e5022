import { ConfigError } from "../errors/config-error.js";
import {
  ConcurrencyLimiter,
  type ConcurrencyOptions,
  type ConcurrencyStats,
  type DeadlineHooks,
  guardRoute,
} from "../limits/index.js";
import { isDocsHandler } from "./docs-routes.js";
import type { ExtraResponse, RouteOptions } from "./route-options.js";
import type { CompiledRoute, RouteRecord } from "./route-record.js";

/** The app-wide defaults: each route without its own gets its own limiter with these settings. */
export interface ServingDefaults {
  concurrency?: ConcurrencyOptions;
  timeout?: number;
}

/** Counters for a readiness probe (`/ready`): per route, and deadlines that passed. */
export interface ServingStats {
  /** by route ("GET /v1/completions"): slots in use, waiting, turned away */
  routes: Record<string, ConcurrencyStats>;
  /** requests answered 504 because their route's `timeout` passed */
  timedOut: number;
}

function effective(options: RouteOptions, defaults: ServingDefaults, handler: Function) {
  // the docs pages and /openapi.json are never queued behind the app's own work
  const inherit = !isDocsHandler(handler);
  const concurrency =
    options.concurrency === null
      ? undefined
      : (options.concurrency ?? (inherit ? defaults.concurrency : undefined));
  const timeout =
    options.timeout === null
      ? undefined
      : (options.timeout ?? (inherit ? defaults.timeout : undefined));
  return { concurrency, timeout };
}

function check(where: string, concurrency: ConcurrencyOptions | undefined, timeout?: number) {
  const positive = (value: number | undefined) => value === undefined || value > 0;
  if (concurrency !== undefined && !(Number.isInteger(concurrency.limit) && concurrency.limit > 0))
    throw new ConfigError("E_ROUTE_OPTION", where, "concurrency.limit must be a positive integer");
  if (concurrency !== undefined && !(concurrency.queue === undefined || concurrency.queue >= 0))
    throw new ConfigError("E_ROUTE_OPTION", where, "concurrency.queue must be 0 or more");
  if (!positive(concurrency?.queueTimeout) || !positive(timeout))
    throw new ConfigError("E_ROUTE_OPTION", where, "timeout and queueTimeout are positive ms");
}

/**
 * The routes' `concurrency` and `timeout` options (over the app's defaults): limiters kept per
 * route across recompiles, the 503/504 they answer documented, their counters readable.
 */
export class ServingControls {
  readonly #limiters = new Map<string, ConcurrencyLimiter>();
  readonly #defaults: () => ServingDefaults;
  #timedOut = 0;
  readonly #hooks: DeadlineHooks;

  constructor(
    defaults: () => ServingDefaults,
    logError: (message: string, error: unknown) => void,
  ) {
    this.#defaults = defaults;
    this.#hooks = {
      onTimeout: () => {
        this.#timedOut++;
      },
      logError,
    };
  }

  /** the 503 and 504 a route may answer, for its OpenAPI responses */
  responsesFor(
    options: RouteOptions,
    handler: Function,
    where: string,
  ): Record<string, ExtraResponse> {
    const { concurrency, timeout } = effective(options, this.#defaults(), handler);
    check(where, concurrency, timeout);
    const out: Record<string, ExtraResponse> = {};
    if (concurrency !== undefined)
      out["503"] = {
        description: "Service Unavailable: every slot is busy and the queue is full",
        headers: { "Retry-After": { description: "seconds to wait", schema: { type: "integer" } } },
      };
    if (timeout !== undefined)
      out["504"] = { description: `Gateway Timeout: no response within ${timeout} ms` };
    return out;
  }

  /** a compiled route behind its limiter and deadline (unchanged when it has neither) */
  guard(record: RouteRecord, compiled: CompiledRoute): CompiledRoute {
    const { concurrency, timeout } = effective(record.options, this.#defaults(), record.handler);
    if (concurrency === undefined && timeout === undefined) return compiled;
    let limiter: ConcurrencyLimiter | null = null;
    if (concurrency !== undefined) {
      limiter = this.#limiters.get(record.where) ?? new ConcurrencyLimiter(concurrency);
      this.#limiters.set(record.where, limiter);
    }
    return guardRoute(compiled, limiter, timeout, this.#hooks) as CompiledRoute;
  }

  stats(): ServingStats {
    const routes: Record<string, ConcurrencyStats> = {};
    for (const [where, limiter] of this.#limiters) routes[where] = limiter.stats;
    return { routes, timedOut: this.#timedOut };
  }
}

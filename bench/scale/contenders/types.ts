import type { RouteSchemas } from "../routes.js";

/** A framework built with the shared routes and listening on 127.0.0.1. */
export interface Started {
  readonly port: number;
  /** extra in-process timings, e.g. Tailor's `app.compile()` */
  readonly extra?: Record<string, number>;
}

/** Builds the schemas (inside the timed window), registers every route and listens. */
export type StartFn = (build: () => RouteSchemas[]) => Promise<Started>;

import type { DependsMarker } from "../dependencies/dependency.js";
import type { RouteGraph } from "../dependencies/graph.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../responses/response.js";
import type { ExtraResponse, RouteOptions } from "./route-options.js";

/** The answer to an error a route raised: the app's exception handlers. */
export type RouteFailure = (
  ctx: RequestContext,
  error: unknown,
  route: RouteRecord,
) => OutgoingResponse | Promise<OutgoingResponse>;

/** Answers synchronously when the route reads no body, has no dependencies and a sync handler. */
export interface CompiledRoute {
  (ctx: RequestContext, fail?: RouteFailure): OutgoingResponse | Promise<OutgoingResponse>;
  /**
   * given `fail`, what it returns is finished (`finishResponse`) and never rejects: its errors
   * are already answered, so the caller chains nothing more
   */
  settles?: boolean;
}

/** A registered route: its declaration as given, what registration derived, and its compiled form. */
export interface RouteRecord {
  methods: string[];
  /** full path template, prefixes included */
  path: string;
  handler: (args: any, ctx: RequestContext) => unknown;
  options: RouteOptions;
  /** the route's name: `name` option, else the handler's function name */
  name: string;
  /** router and route tags, in that order */
  tags: string[];
  /** router and route side-effect dependencies (the app's are added at compile time) */
  dependencies: DependsMarker[];
  /** router and route extra responses */
  responses: Record<string, ExtraResponse>;
  /** "GET /items/{item_id}" — names the route in errors and logs */
  where: string;
  /** captured where the route was declared; formatted (file:line) only when a log needs it */
  site: Error;
  /** analysed at registration; re-analysed when dependency overrides change */
  graph: RouteGraph;
  /** built on the first request (or by `app.compile()`) */
  compiled: CompiledRoute | undefined;
}

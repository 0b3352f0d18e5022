import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";

/** Calls the rest of the chain (inner middleware, routing, the route) and resolves to its response. */
export type CallNext = () => Promise<OutgoingResponse>;

/**
 * A middleware object, added with `app.addMiddleware(instance)`. Its options are decided when it
 * is constructed; `dispatch` runs per request.
 *
 * @example
 * class Timing implements MiddlewareObject {
 *   async dispatch(ctx, callNext) { const r = await callNext(); r.headers["x-time"] = "1"; return r; }
 * }
 */
export interface MiddlewareObject {
  dispatch(ctx: RequestContext, callNext: CallNext): Promise<OutgoingResponse> | OutgoingResponse;
}

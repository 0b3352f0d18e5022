import type { RequestContext } from "../http/context.js";
import { internalErrorResponse, type OutgoingResponse } from "../http/outgoing.js";
import { recordServerError } from "../http/server-errors.js";
import type { MaybePromise } from "../internal/types.js";

/** `(ctx, callNext) => response`: the last added middleware runs first (outermost). */
export type Middleware = (
  ctx: RequestContext,
  callNext: () => Promise<OutgoingResponse>,
) => MaybePromise<OutgoingResponse>;

type Handle = (ctx: RequestContext) => MaybePromise<OutgoingResponse>;

/**
 * Wraps `inner` in the middleware, built once (the first request after a change): the last
 * added is outermost; a middleware that throws is logged and answered with `errorResponse`
 * (a plain 500, or the traceback of an app in `debug`).
 */
export function chainMiddleware(
  middleware: readonly Middleware[],
  inner: Handle,
  logError: (message: string, error: unknown) => void,
  errorResponse: (ctx: RequestContext, error: unknown) => OutgoingResponse = internalErrorResponse,
): Handle {
  let next = inner;
  for (const current of middleware) {
    const wrapped = next;
    next = async (ctx) => {
      try {
        return await current(ctx, async () => wrapped(ctx));
      } catch (error) {
        logError(`middleware failed on ${ctx.method} ${ctx.path}`, error);
        recordServerError(ctx, error);
        return errorResponse(ctx, error);
      }
    };
  }
  if (middleware.length === 0) return next;
  // middleware awaits the route's answer: the route must hand it back, not send it itself
  const outermost = next;
  return (ctx) => {
    ctx.sink = undefined;
    return outermost(ctx);
  };
}

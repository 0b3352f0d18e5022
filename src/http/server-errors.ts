import type { RequestContext } from "./context.js";

/** the first error of a request that was answered with a 500 (or failed after the response) */
const serverErrors = new WeakMap<RequestContext, unknown>();

/** Notes an error the app answered with a 500 or logged after responding; the first one is kept. */
export function recordServerError(ctx: RequestContext, error: unknown): void {
  if (!serverErrors.has(ctx)) serverErrors.set(ctx, error);
}

/**
 * The error a request's 500 (or its after-response work) came from, for TestClient's
 * `raiseServerExceptions`.
 * @example const failure = serverErrorOf(ctx); if (failure.raised) throw failure.error;
 */
export function serverErrorOf(ctx: RequestContext): { raised: boolean; error: unknown } {
  return { raised: serverErrors.has(ctx), error: serverErrors.get(ctx) };
}

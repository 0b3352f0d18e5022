import { RequestContext } from "./context.js";
import type { ClientAddress } from "./fetch-client.js";
import { type FetchNative, fetchAdapter } from "./fetch-request.js";
import { toWebResponse } from "./fetch-response.js";
import { internalErrorResponse, type OutgoingResponse } from "./outgoing.js";
import type { Servable } from "./servable.js";
import { recordServerError, serverErrorOf } from "./server-errors.js";

export interface FetchOptions {
  /** wait for background tasks and teardown before resolving (TestClient does) */
  awaitAfterSend?: boolean;
  client?: ClientAddress | null;
  /**
   * what the runtime passes a fetch handler after the Request (Bun's server, Deno's
   * ServeHandlerInfo): where `ctx.client` is read from
   */
  platform?: unknown;
  /** the server writes the content-length of a whole body itself (Bun.serve, Deno.serve) */
  framesBodies?: boolean;
  /** called when the response body is streamed (Bun lifts its idle timeout for it) */
  onStream?: (request: Request, platform: unknown) => void;
  /** throw the error behind a 500 (or behind failed after-response work) instead of answering */
  raiseServerExceptions?: boolean;
}

const NO_OPTIONS: FetchOptions = {};

/**
 * Answers a Web-standard Request: for Bun, Deno, Workers, and the in-process TestClient.
 *
 * @example Bun.serve({ fetch: (request, server) => handleFetch(app, request, { platform: server }) });
 */
export function handleFetch(
  app: Servable,
  request: Request,
  options: FetchOptions = NO_OPTIONS,
): Promise<Response> {
  return Promise.resolve(answerFetch(app, request, options));
}

/** A request context read from a Web Request (the handshake of a WebSocket too). */
export function fetchContext(request: Request, options: FetchOptions = NO_OPTIONS): RequestContext {
  // "http://host:1/a?b" -> scheme "http", target "/a?b": a Request's URL is always absolute,
  // and parsing it by hand saves a URL object per request. Headers are read when asked:
  // on Bun, copying them all into a record cost more than the rest of a GET /hello.
  const url = request.url;
  const authority = url.indexOf("//") + 2;
  const slash = url.indexOf("/", authority);
  return new RequestContext(
    fetchAdapter,
    {
      request,
      client: options.client,
      platform: options.platform,
    } satisfies FetchNative,
    request.method.toUpperCase(),
    slash === -1 ? "/" : url.slice(slash),
    undefined,
    url.slice(0, authority - 3),
  );
}

/**
 * `handleFetch` without the promise when a synchronous route answered: Bun and Deno take a
 * Response as it is, and skip a round through the microtask queue.
 */
export function answerFetch(
  app: Servable,
  request: Request,
  options: FetchOptions = NO_OPTIONS,
): Response | Promise<Response> {
  return answerContext(app, fetchContext(request, options), options);
}

/**
 * `answerFetch` for a request the runtime's router matched to `path`, an app route's template
 * without params (Bun.serve `routes` matches those on the path as it arrived): the context
 * starts from the path and `routed` (`NativeRoute.routed`), and reads `request.url` only if
 * something asks for the query. On Bun the URL is a string built per request (GET /hello:
 * 0.87–0.91 of the CPU time per request without it, bench/BUN.md).
 */
export function answerRouted(
  app: Servable,
  request: Request,
  options: FetchOptions,
  path: string,
  routed: unknown,
): Response | Promise<Response> {
  const ctx = new RequestContext(
    fetchAdapter,
    { request, client: options.client, platform: options.platform } satisfies FetchNative,
    request.method,
    path,
    undefined,
    // serveBun listens without TLS
    "http",
    true,
  );
  ctx.routed = routed;
  return answerContext(app, ctx, options);
}

function answerContext(
  app: Servable,
  ctx: RequestContext,
  options: FetchOptions,
): Response | Promise<Response> {
  let response: OutgoingResponse | PromiseLike<OutgoingResponse>;
  try {
    response = app.handle(ctx);
  } catch (error) {
    app.logger.error(`handling ${ctx.method} ${ctx.path} failed`, error);
    recordServerError(ctx, error);
    response = internalErrorResponse();
  }
  if (options.raiseServerExceptions) {
    return Promise.resolve(response)
      .then((settled) => toWebResponse(app, ctx, settled, options))
      .then((web) => {
        const failure = serverErrorOf(ctx);
        if (failure.raised) throw failure.error;
        return web;
      });
  }
  if (typeof (response as PromiseLike<OutgoingResponse>).then === "function")
    return Promise.resolve(response).then((settled) => toWebResponse(app, ctx, settled, options));
  return toWebResponse(app, ctx, response as OutgoingResponse, options);
}

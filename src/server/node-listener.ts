import type { IncomingMessage, ServerResponse } from "node:http";
import { runAfterSend } from "../http/after-send.js";
import { type RequestAdapter, RequestContext, type ResponseSink } from "../http/context.js";
import { internalErrorResponse, type OutgoingResponse } from "../http/outgoing.js";
import type { Servable } from "../http/servable.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import type { TailorLogger } from "../logging/logger.js";
import { assignRequestId, logAccessWhenDone } from "./access-log.js";
import { bodyLeftUnread, nodeAdapter, schemeOf } from "./node-adapter.js";
import { type ForwardedInfo, forwardedInfo, type TrustedProxies } from "./proxy-headers.js";
import { sendNodeResponse } from "./send.js";

/** What serve() adds around the app on node:http; all off by default. */
export interface ListenerOptions {
  /** writes an access line per request to this logger */
  accessLog?: TailorLogger | undefined;
  /** X-Forwarded-Proto/-For are believed from these peers */
  trustedProxies?: TrustedProxies | undefined;
  /** honour or generate X-Request-ID and echo it (default: on with an access log) */
  requestId?: boolean;
}

/** Shared with the shutdown: whether to close connections, and work still running after responses. */
export class ListenerState {
  /** responses written from now on carry `Connection: close` */
  draining = false;
  /** after-response work (background tasks, teardown) still running */
  readonly pending = new Set<Promise<void>>();
}

const FORWARDED = Symbol("tailor.forwarded");
type ForwardedRequest = IncomingMessage & { [FORWARDED]?: ForwardedInfo };

// the client a trusted proxy named, else the socket's peer
const proxiedAdapter: RequestAdapter = {
  ...nodeAdapter,
  client(ctx) {
    const req = (ctx.native as ServerResponse).req as ForwardedRequest;
    return req[FORWARDED]?.client ?? nodeAdapter.client(ctx);
  },
};

/**
 * The path-and-query of a request target: an absolute-form target ("http://host/a?b", which
 * proxies send) is reduced to "/a?b"; origin-form ("/a?b") is returned as it is.
 */
export function requestTarget(url: string | undefined): string {
  if (url === undefined || url === "") return "/";
  if (url.charCodeAt(0) === 47 /* "/" */) return url;
  const scheme = url.indexOf("://");
  if (scheme === -1) return url;
  const slash = url.indexOf("/", scheme + 3);
  const question = url.indexOf("?", scheme + 3);
  if (slash === -1 || (question !== -1 && question < slash)) {
    return question === -1 ? "/" : `/${url.slice(question)}`;
  }
  return url.slice(slash);
}

/** The node:http request listener for an app. */
export function createNodeListener(
  app: Servable,
  options: ListenerOptions = {},
  state: ListenerState = new ListenerState(),
) {
  const logError = (message: string, error: unknown) => app.logger.error(message, error);
  const { accessLog, trustedProxies } = options;
  const requestId = options.requestId ?? accessLog !== undefined;
  const adapter = trustedProxies === undefined ? nodeAdapter : proxiedAdapter;
  const answersThroughSink = app.answersThroughSink === true;

  const track = (work: Promise<void>) => {
    state.pending.add(work);
    void work.finally(() => state.pending.delete(work));
  };

  const deliver = (ctx: RequestContext, res: ServerResponse, response: OutgoingResponse) => {
    if (!ctx.closeConnection && bodyLeftUnread(res.req)) {
      // answered before the body was read: once the bytes at hand are parsed, a body still
      // incomplete means the connection closes after this answer
      setImmediate(() => {
        ctx.closeConnection = bodyLeftUnread(res.req);
        deliver(ctx, res, response);
      });
      return;
    }
    if (ctx.closeConnection || state.draining) response.headers.connection = "close";
    if (requestId) response.headers["x-request-id"] = ctx.header("x-request-id")!;
    let sending: Promise<void> | undefined;
    try {
      sending = sendNodeResponse(res, response, ctx.method === "HEAD");
    } catch (error) {
      failed(ctx, res, error);
      return;
    }
    if (sending !== undefined)
      track(
        sending.then(
          () => afterSend(ctx),
          (error) => failed(ctx, res, error),
        ),
      );
    else if (ctx.afterSend !== undefined) track(runAfterSend(ctx, logError));
  };

  const afterSend = (ctx: RequestContext) =>
    ctx.afterSend === undefined ? undefined : runAfterSend(ctx, logError);

  const failed = (ctx: RequestContext, res: ServerResponse, error: unknown) => {
    logError(`sending the response to ${ctx.method} ${ctx.path} failed`, error);
    if (!res.headersSent) {
      // names its reason phrase and content-length itself: a writeHead that threw (an invalid
      // header value) has already set its own, and would fall back to chunked framing
      const response = internalErrorResponse();
      if (state.draining) response.headers.connection = "close";
      sendNodeResponse(res, response, ctx.method === "HEAD");
    } else if (!res.socket?.writableEnded) res.destroy(); // a failed stream's socket is already closing
    return runAfterSend(ctx, logError);
  };

  // a route that answers later sends its answer here itself, with no .then of ours after it
  const sink: ResponseSink = {
    deliver: (ctx, response) => deliver(ctx, ctx.native as ServerResponse, response),
    fail: (ctx, error) => void track(failed(ctx, ctx.native as ServerResponse, error)),
  };

  // a .then costs less than an async function's frame and await
  const deliverLater = (
    ctx: RequestContext,
    res: ServerResponse,
    pending: PromiseLike<OutgoingResponse>,
  ): void => {
    pending.then(
      (response) => deliver(ctx, res, response),
      (error: unknown) => void track(failed(ctx, res, error)),
    );
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    let scheme: string | undefined;
    if (trustedProxies !== undefined) {
      const forwarded = forwardedInfo(req, trustedProxies);
      if (forwarded !== undefined) {
        (req as ForwardedRequest)[FORWARDED] = forwarded;
        scheme = forwarded.scheme;
      }
    }
    const id = requestId ? assignRequestId(req) : undefined;
    const ctx = new RequestContext(
      adapter,
      res,
      req.method ?? "GET",
      requestTarget(req.url),
      req.headers,
      scheme ?? schemeOf(req),
    );
    if (answersThroughSink) ctx.sink = sink;
    if (accessLog !== undefined && id !== undefined)
      logAccessWhenDone(accessLog, req, res, () => clientText(ctx), id);
    let response: MaybePromise<OutgoingResponse>;
    try {
      response = app.handle(ctx);
    } catch (error) {
      track(failed(ctx, res, error));
      return;
    }
    // a synchronous route is written in the same tick, with no promise in between
    if (isThenable<OutgoingResponse>(response)) {
      if (!ctx.sinkTaken) deliverLater(ctx, res, response);
    } else deliver(ctx, res, response);
  };
}

function clientText(ctx: RequestContext): string {
  const client = ctx.client;
  if (client === null) return "-";
  return client.host.includes(":")
    ? `[${client.host}]:${client.port}`
    : `${client.host}:${client.port}`;
}

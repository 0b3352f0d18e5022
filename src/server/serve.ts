import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { runAfterSend } from "../http/after-send.js";
import { RequestContext } from "../http/context.js";
import { internalErrorResponse, type OutgoingResponse } from "../http/outgoing.js";
import type { Servable } from "../http/servable.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import { nativeServe } from "./native-dispatch.js";
import { bodyLeftUnread, nodeAdapter, schemeOf } from "./node-adapter.js";
import { sendNodeResponse } from "./send.js";
import { attachWebSocketUpgrade } from "./websocket-upgrade.js";

export interface ServeOptions {
  /** default "127.0.0.1" */
  host?: string;
  /** default 8000; 0 picks a free port */
  port?: number;
  /** default false: stop gracefully on SIGTERM/SIGINT (the CLI and `npm start` turn it on) */
  handleSignals?: boolean;
  /** ms to wait for in-flight requests at shutdown (default 10,000) */
  shutdownTimeout?: number;
}

export interface RunningServer<TServer = Server> {
  /** node's http.Server; on Bun and Deno the runtime's own (see serveBun / serveDeno) */
  readonly server: TServer;
  readonly port: number;
  readonly url: string;
  /** stops accepting, waits for in-flight requests, runs the app's shutdown */
  close(): Promise<void>;
}

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

const BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";

/**
 * Answers a CONNECT (a tunnel request, which only proxies serve) with the 400 node writes for
 * other request targets that are not paths. Without a listener node closes the connection
 * without a word. Node removes its own socket listeners before this runs, so a reset socket
 * needs an error listener here.
 */
function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.on("error", () => socket.destroy());
  socket.end(BAD_REQUEST, () => socket.destroy());
}

/** The node:http request listener for an app. */
export function createNodeListener(app: Servable) {
  const logError = (message: string, error: unknown) => app.logger.error(message, error);

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
    if (ctx.closeConnection) response.headers.connection = "close";
    let sending: Promise<void> | undefined;
    try {
      sending = sendNodeResponse(res, response, ctx.method === "HEAD");
    } catch (error) {
      failed(ctx, res, error);
      return;
    }
    if (sending !== undefined)
      void sending.then(
        () => afterSend(ctx),
        (error) => failed(ctx, res, error),
      );
    else if (ctx.afterSend !== undefined) void runAfterSend(ctx, logError);
  };

  const afterSend = (ctx: RequestContext) =>
    ctx.afterSend === undefined ? undefined : runAfterSend(ctx, logError);

  const failed = (ctx: RequestContext, res: ServerResponse, error: unknown) => {
    logError(`sending the response to ${ctx.method} ${ctx.path} failed`, error);
    if (!res.headersSent) {
      // names its reason phrase and content-length itself: a writeHead that threw (an invalid
      // header value) has already set its own, and would fall back to chunked framing
      sendNodeResponse(res, internalErrorResponse(), ctx.method === "HEAD");
    } else if (!res.socket?.writableEnded) res.destroy(); // a failed stream's socket is already closing
    void runAfterSend(ctx, logError);
  };

  // a .then costs less than an async function's frame and await
  const deliverLater = (
    ctx: RequestContext,
    res: ServerResponse,
    pending: PromiseLike<OutgoingResponse>,
  ): void => {
    pending.then(
      (response) => deliver(ctx, res, response),
      (error: unknown) => failed(ctx, res, error),
    );
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const ctx = new RequestContext(
      nodeAdapter,
      res,
      req.method ?? "GET",
      requestTarget(req.url),
      req.headers,
      schemeOf(req),
    );
    let response: MaybePromise<OutgoingResponse>;
    try {
      response = app.handle(ctx);
    } catch (error) {
      failed(ctx, res, error);
      return;
    }
    // a synchronous route is written in the same tick, with no promise in between
    if (isThenable<OutgoingResponse>(response)) deliverLater(ctx, res, response);
    else deliver(ctx, res, response);
  };
}

/**
 * Serves an app on node:http (keep-alive on). Runs the lifespan's startup before listening;
 * a failing startup rejects and nothing listens.
 *
 * @example const server = await serve(app, { port: 8000 }); … await server.close();
 */
export async function serve(app: Servable, options: ServeOptions = {}): Promise<RunningServer> {
  // on Bun and Deno, their own server (its type is theirs: serveBun/serveDeno name it)
  const native = nativeServe(app, options);
  if (native !== undefined) return native as Promise<RunningServer<any>>;
  await app.startup();
  const listener = createNodeListener(app);
  const server = createServer({ keepAlive: true }, listener);
  // `Expect: 100-continue` is answered by the adapter once a route reads the body, never
  // for a body refused from its Content-Length
  server.on("checkContinue", listener);
  server.keepAliveTimeout = 5_000;
  server.on("connect", refuseConnect);
  const websockets = attachWebSocketUpgrade(server, app);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8000, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // open WebSockets hold their connections: they are closed with 1001 as shutdown begins
      const closingSockets = websockets.close(1001, "Server shutting down");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => server.closeAllConnections(),
          options.shutdownTimeout ?? 10_000,
        );
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      await closingSockets;
      await app.shutdown();
    })();
    return closing;
  };
  if (options.handleSignals) {
    const onSignal = () => {
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.logger.error("shutdown failed", error);
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { server, port, url: `http://${shownHost}:${port}`, close };
}

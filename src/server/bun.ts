import { answerFetch, answerRouted, type FetchOptions } from "../http/fetch-handler.js";
import type { Servable } from "../http/servable.js";
import type { WebSocketAcceptOptions } from "../http/websocket-transport.js";
import { type BunRouteHandler, type BunRoutes, bunRoutes } from "./bun-routes.js";
import { serveNative } from "./native-serve.js";
import type { RunningServer, ServeOptions } from "./serve.js";
import {
  closeWebSockets,
  isWebSocketRequest,
  runWebSocket,
  type WebPeer,
  WebWebSocketTransport,
} from "./web-websocket.js";

/** The part of Bun's `Server` Tailor uses (bun-types is not a dependency). */
export interface BunServer {
  readonly port: number;
  requestIP(request: Request): { address: string; port: number } | null;
  /** seconds a request's connection may stay idle; 0 = never times out */
  timeout(request: Request, seconds: number): void;
  stop(closeActiveConnections?: boolean): Promise<void>;
  upgrade(request: Request, options: { data: unknown; headers?: Record<string, string> }): boolean;
}

/** Bun's ServerWebSocket, as its handlers receive it; `data` is what `upgrade` was given. */
interface BunSocket extends WebPeer {
  readonly data: BunWebSocketTransport;
}

interface BunServeOptions {
  hostname: string;
  port: number;
  /** matched by Bun's own router before `fetch` (Bun 1.2.3+) */
  routes?: BunRoutes<BunServer>;
  fetch(request: Request, server: BunServer): Response | Promise<Response | undefined>;
  websocket: {
    open(ws: BunSocket): void;
    message(ws: BunSocket, message: string | Uint8Array): void;
    close(ws: BunSocket, code: number, reason: string): void;
    /** the socket's send queue drained after a send returned -1 */
    drain(ws: BunSocket): void;
    /** bytes a message may have; a larger one closes the socket with 1009 before it is read */
    maxPayloadLength?: number;
  };
}

interface BunGlobal {
  serve(options: BunServeOptions): BunServer;
}

/** Bun's runtime object, when the code runs on Bun. */
export function bunGlobal(): BunGlobal | undefined {
  return (globalThis as { Bun?: BunGlobal }).Bun;
}

/**
 * A streamed response may go quiet for longer than Bun's 10 s idle timeout (a model thinking
 * between tokens): its connection never times out.
 */
function keepStreamOpen(request: Request, platform: unknown): void {
  (platform as BunServer).timeout(request, 0);
}

/** A handshake Bun upgrades with `server.upgrade`; the server's websocket handlers feed it. */
class BunWebSocketTransport extends WebWebSocketTransport {
  readonly #server: BunServer;

  constructor(request: Request, server: BunServer, open: Set<WebWebSocketTransport>) {
    super(request, open);
    this.#server = server;
  }

  protected upgrade(options: WebSocketAcceptOptions): undefined {
    const headers = { ...options.headers };
    if (options.subprotocol !== undefined) headers["sec-websocket-protocol"] = options.subprotocol;
    if (!this.#server.upgrade(this.request, { data: this, headers }))
      throw new Error("Bun refused the WebSocket upgrade");
    return undefined;
  }
}

/** Bun's own default frame limit, and the routes' default message limit */
const DEFAULT_MESSAGE_LIMIT = 16 * 1024 * 1024;

const bunWebSocket: BunServeOptions["websocket"] = {
  open: (ws) => ws.data.opened(ws),
  message: (ws, message) =>
    ws.data.received(typeof message === "string" ? message : new Uint8Array(message)),
  close: (ws, code, reason) => ws.data.closed(code, reason),
  drain: (ws) => ws.data.drained(),
};

/**
 * Serves an app on `Bun.serve`, Bun's own HTTP server, through `app.fetch`'s pipeline.
 * `serve()` calls it when it runs on Bun.
 *
 * @example const server = await serveBun(app, { port: 8000 });
 */
export function serveBun(
  app: Servable,
  options: ServeOptions = {},
): Promise<RunningServer<BunServer>> {
  const bun = bunGlobal();
  if (bun === undefined)
    return Promise.reject(new Error("serveBun() runs on Bun only; serve() picks the server"));
  return serveNative(app, options, async (hostname, port) => {
    const sockets = new Set<WebWebSocketTransport>();
    let fetchOptions: FetchOptions | undefined;
    // one options object for every request: Bun passes the same server each time
    const optionsFor = (server: BunServer) =>
      (fetchOptions ??= { platform: server, onStream: keepStreamOpen, framesBodies: true });
    const webSockets = app.handleWebSocket !== undefined;
    const fetch: BunRouteHandler<BunServer> = (request, server) => {
      if (webSockets && isWebSocketRequest(request))
        return runWebSocket(app, new BunWebSocketTransport(request, server, sockets), server);
      return answerFetch(app, request, optionsFor(server));
    };
    // a WebSocket handshake to a path Bun matched goes the fetch way, to a WebSocket route
    // or to the 403 an HTTP-only path gives it
    const routed =
      (path: string, found: unknown): BunRouteHandler<BunServer> =>
      (request, server) =>
        webSockets && isWebSocketRequest(request)
          ? fetch(request, server)
          : answerRouted(app, request, optionsFor(server), path, found);
    const serveOptions: BunServeOptions = {
      hostname,
      port,
      // Bun matches the app's routes natively; what it does not match reaches `fetch`
      routes: bunRoutes(app.nativeRoutes?.() ?? [], fetch, routed),
      fetch,
      // one limit for every socket: the largest a route accepts (a route with a smaller one
      // still closes with 1009 once such a message has arrived)
      websocket: {
        ...bunWebSocket,
        maxPayloadLength: app.webSocketMessageLimit?.() ?? DEFAULT_MESSAGE_LIMIT,
      },
    };
    const server = bun.serve(serveOptions);
    return {
      server,
      port: server.port,
      stop: (force) => {
        closeWebSockets(sockets);
        return server.stop(force);
      },
    };
  });
}

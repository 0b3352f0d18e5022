import { answerFetch } from "../http/fetch-handler.js";
import type { Servable } from "../http/servable.js";
import type { WebSocketAcceptOptions } from "../http/websocket-transport.js";
import { serveNative } from "./native-serve.js";
import type { RunningServer, ServeOptions } from "./serve.js";
import {
  closeWebSockets,
  isWebSocketRequest,
  runWebSocket,
  SEND_HIGH_WATER,
  WebWebSocketTransport,
} from "./web-websocket.js";

/** The part of Deno's `HttpServer` Tailor uses. */
export interface DenoServer {
  readonly addr: { hostname: string; port: number };
  readonly finished: Promise<void>;
  shutdown(): Promise<void>;
}

interface DenoServeOptions {
  hostname: string;
  port: number;
  onListen(addr: { hostname: string; port: number }): void;
  handler(request: Request, info: unknown): Response | Promise<Response>;
}

interface DenoGlobal {
  serve(options: DenoServeOptions): DenoServer;
  upgradeWebSocket(
    request: Request,
    options: { protocol?: string; idleTimeout?: number },
  ): { socket: WebSocket; response: Response };
}

/** A handshake Deno upgrades with `Deno.upgradeWebSocket`; the socket's events feed it. */
class DenoWebSocketTransport extends WebWebSocketTransport {
  readonly #deno: DenoGlobal;
  #socket: WebSocket | undefined;

  constructor(request: Request, deno: DenoGlobal, open: Set<WebWebSocketTransport>) {
    super(request, open);
    this.#deno = deno;
  }

  protected upgrade(options: WebSocketAcceptOptions): Response {
    const { socket, response } = this.#deno.upgradeWebSocket(this.request, {
      ...(options.subprotocol === undefined ? {} : { protocol: options.subprotocol }),
      // Deno pings an idle peer and drops it after this many seconds without an answer
      idleTimeout: Math.ceil(options.pingInterval / 1000),
    });
    this.#socket = socket;
    socket.binaryType = "arraybuffer";
    socket.onopen = () => this.opened(socket);
    socket.onmessage = (event: MessageEvent) =>
      this.received(
        typeof event.data === "string" ? event.data : new Uint8Array(event.data as ArrayBuffer),
      );
    socket.onclose = (event: CloseEvent) => this.closed(event.code, event.reason);
    // headers the route adds to its 101 (the subprotocol is Deno's to write)
    for (const [name, value] of Object.entries(options.headers ?? {}))
      response.headers.set(name, value);
    return response;
  }

  /** Deno's WebSocket has no drain event: its `bufferedAmount` is watched until it falls */
  protected override waitForDrain(): Promise<void> {
    const waiting = super.waitForDrain();
    const socket = this.#socket!;
    const poll = () => {
      if (socket.readyState !== WebSocket.OPEN) return; // closed() rejects the wait
      if (socket.bufferedAmount <= SEND_HIGH_WATER) this.drained();
      else setTimeout(poll, DRAIN_POLL_MS);
    };
    setTimeout(poll, DRAIN_POLL_MS);
    return waiting;
  }
}

/** how often a send waiting on Deno's buffer looks again */
const DRAIN_POLL_MS = 5;

/** Deno's runtime object, when the code runs on Deno. */
export function denoGlobal(): DenoGlobal | undefined {
  return (globalThis as { Deno?: DenoGlobal }).Deno;
}

/**
 * Serves an app on `Deno.serve`, Deno's own HTTP server, through `app.fetch`'s pipeline.
 * `serve()` calls it when it runs on Deno.
 *
 * @example const server = await serveDeno(app, { port: 8000 });
 */
export function serveDeno(
  app: Servable,
  options: ServeOptions = {},
): Promise<RunningServer<DenoServer>> {
  const deno = denoGlobal();
  if (deno === undefined)
    return Promise.reject(new Error("serveDeno() runs on Deno only; serve() picks the server"));
  return serveNative(app, options, async (hostname, port) => {
    const sockets = new Set<WebWebSocketTransport>();
    const server = deno.serve({
      hostname,
      port,
      // Deno prints "Listening on …" unless told otherwise; serve() stays quiet as on node
      onListen: () => {},
      handler: (request, info) =>
        app.handleWebSocket !== undefined && isWebSocketRequest(request)
          ? (runWebSocket(
              app,
              new DenoWebSocketTransport(request, deno, sockets),
              info,
            ) as Promise<Response>)
          : answerFetch(app, request, { platform: info, framesBodies: true }),
    });
    return {
      server,
      port: server.addr.port,
      // Deno has no way to cut in-flight requests: past the timeout, close stops waiting
      stop: (force) => {
        if (force) return Promise.resolve();
        closeWebSockets(sockets);
        return server.shutdown();
      },
    };
  });
}

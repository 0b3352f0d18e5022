import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { Readable } from "node:stream";
import { type WebSocket as PeerSocket, WebSocketServer } from "ws";
import { type RequestAdapter, RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import type { Servable } from "../http/servable.js";
import {
  fitCloseReason,
  type WebSocketAcceptOptions,
  type WebSocketData,
  type WebSocketListener,
  type WebSocketTransport,
} from "../http/websocket-transport.js";
import { statusPhrase } from "../internal/status.js";
import { schemeOf } from "./node-adapter.js";
import { requestTarget } from "./serve.js";

/** What `serve` keeps of the WebSockets it upgraded: a count, and the close run at shutdown. */
export interface WebSocketUpgrades {
  /** open sockets */
  readonly size: number;
  /**
   * Closes every open socket with `code` (1001 "going away" by default), waits for their
   * close handshakes, and drops the sockets still open after `timeout` ms.
   */
  close(code?: number, reason?: string, timeout?: number): Promise<void>;
}

const KEY = /^[+/0-9A-Za-z]{22}==$/;

/** A handshake ws would refuse (its own 400/405 answers are then sent by `handleUpgrade`). */
function isValidHandshake(req: IncomingMessage): boolean {
  const version = req.headers["sec-websocket-version"];
  return (
    req.method === "GET" &&
    KEY.test(req.headers["sec-websocket-key"] ?? "") &&
    (version === "13" || version === "8")
  );
}

/** The handshake request's context: headers, path, query, cookies; a handshake has no body. */
const upgradeAdapter: RequestAdapter = {
  readBody: async () => new Uint8Array(0),
  bodyStream: () => Readable.from([]),
  headerValues(ctx, name) {
    const raw = (ctx.native as IncomingMessage).rawHeaders;
    const values: string[] = [];
    for (let i = 0; i < raw.length; i += 2)
      if (raw[i]!.toLowerCase() === name) values.push(raw[i + 1]!);
    return values;
  },
  watchDisconnect(ctx, controller) {
    const socket = (ctx.native as IncomingMessage).socket;
    if (socket.destroyed) controller.abort(new Error("client disconnected"));
    else socket.once("close", () => controller.abort(new Error("client disconnected")));
  },
  client(ctx) {
    const socket = (ctx.native as IncomingMessage).socket;
    return socket.remoteAddress
      ? { host: socket.remoteAddress, port: socket.remotePort ?? 0 }
      : null;
  },
};

interface Handshake {
  subprotocol?: string;
  headers?: Record<string, string>;
}

/** One ws server per message-size limit (ws fixes `maxPayload` per server). */
class PeerServers {
  readonly #bySize = new Map<number, WebSocketServer>();
  readonly handshakes = new WeakMap<IncomingMessage, Handshake>();

  get(maxPayload: number): WebSocketServer {
    let server = this.#bySize.get(maxPayload);
    if (server === undefined) {
      server = new WebSocketServer({
        noServer: true,
        maxPayload,
        perMessageDeflate: false,
        clientTracking: false,
        handleProtocols: (_offered, req) => this.handshakes.get(req)?.subprotocol ?? false,
      });
      server.on("headers", (lines: string[], req: IncomingMessage) => {
        const extra = this.handshakes.get(req)?.headers;
        if (extra) for (const name in extra) lines.push(`${name}: ${extra[name]}`);
      });
      this.#bySize.set(maxPayload, server);
    }
    return server;
  }
}

/** Drives one upgrade request with the `ws` package: the session in `websocket/` calls it. */
class NodeWebSocketTransport implements WebSocketTransport {
  readonly #req: IncomingMessage;
  readonly #socket: Duplex;
  readonly #head: Buffer;
  readonly #servers: PeerServers;
  readonly #open: Set<PeerSocket>;
  #listener: WebSocketListener | undefined;
  #peer: PeerSocket | undefined;
  #accepting: Promise<void> | undefined;
  #done = false;

  constructor(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    servers: PeerServers,
    open: Set<PeerSocket>,
  ) {
    this.#req = req;
    this.#socket = socket;
    this.#head = head;
    this.#servers = servers;
    this.#open = open;
  }

  listen(listener: WebSocketListener): void {
    this.#listener = listener;
  }

  accept(options: WebSocketAcceptOptions): Promise<void> {
    this.#accepting ??= new Promise<void>((resolve, reject) => {
      const socket = this.#socket;
      if (socket.destroyed) return reject(new Error("the client went away during the handshake"));
      const gone = () => reject(new Error("the client went away during the handshake"));
      socket.once("close", gone);
      this.#servers.handshakes.set(this.#req, options);
      this.#servers
        .get(options.maxMessageSize)
        .handleUpgrade(this.#req, socket, this.#head, (peer) => {
          socket.off("close", gone);
          this.#opened(peer, options.pingInterval);
          resolve();
        });
    });
    return this.#accepting;
  }

  send(data: WebSocketData): Promise<void> {
    const peer = this.#peer;
    if (peer === undefined || peer.readyState !== 1)
      return Promise.reject(new Error("the WebSocket is not open"));
    return new Promise((resolve, reject) =>
      peer.send(data, { binary: typeof data !== "string" }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }

  close(code: number, reason: string): void {
    const reasonText = fitCloseReason(reason);
    if (this.#peer !== undefined) {
      this.#peer.close(code, reasonText);
      return;
    }
    // closed before accept: complete the handshake so the client sees the code and reason
    this.accept({ maxMessageSize: 1024, pingInterval: 0 }).then(
      () => this.#peer?.close(code, reasonText),
      () => undefined,
    );
  }

  deny(response: OutgoingResponse): void {
    const socket = this.#socket;
    if (this.#peer !== undefined || socket.destroyed) return;
    this.#done = true;
    const body = typeof response.body === "string" ? response.body : "";
    const lines = [`HTTP/1.1 ${response.status} ${statusPhrase(response.status) || "Unknown"}`];
    for (const [name, value] of Object.entries(response.headers)) {
      for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${item}`);
    }
    lines.push(`content-length: ${Buffer.byteLength(body)}`, "connection: close", "", body);
    socket.on("error", () => socket.destroy());
    socket.end(lines.join("\r\n"), () => socket.destroy());
  }

  pause(): void {
    this.#peer?.pause();
  }

  resume(): void {
    this.#peer?.resume();
  }

  #opened(peer: PeerSocket, pingInterval: number): void {
    this.#peer = peer;
    this.#open.add(peer);
    let timer: NodeJS.Timeout | undefined;
    if (pingInterval > 0) {
      // a peer that has not answered the previous ping is gone: dropped (the handler sees 1006)
      let alive = true;
      peer.on("pong", () => {
        alive = true;
      });
      timer = setInterval(() => {
        if (!alive) return peer.terminate();
        alive = false;
        peer.ping();
      }, pingInterval);
      timer.unref();
    }
    peer.on("message", (data: Buffer, isBinary: boolean) =>
      this.#listener?.message(isBinary ? new Uint8Array(data) : data.toString("utf8")),
    );
    // a frame over the size limit or a protocol error: ws sends the close itself and stops
    // reading, so the handler is told the code ws sent, not the 1006 of the dropped socket
    let failedWith: number | undefined;
    peer.on("error", (error: Error & { code?: string }) => {
      failedWith = error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? 1009 : 1002;
      if (error.code === "WS_ERR_INVALID_UTF8") failedWith = 1007;
    });
    peer.on("close", (code: number, reason: Buffer) => {
      clearInterval(timer);
      this.#open.delete(peer);
      if (this.#done) return;
      this.#done = true;
      this.#listener?.close(failedWith ?? code, failedWith ? "" : reason.toString("utf8"));
    });
  }
}

/**
 * Answers WebSocket handshakes on a node:http server through the app's WebSocket routes. Other
 * upgrade requests (h2c…) and apps without WebSocket support are refused with 400.
 *
 * @example const upgrades = attachWebSocketUpgrade(server, app); … await upgrades.close();
 */
export function attachWebSocketUpgrade(server: Server, app: Servable): WebSocketUpgrades {
  const servers = new PeerServers();
  const open = new Set<PeerSocket>();
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const handle = app.handleWebSocket;
    const isWebSocket = req.headers.upgrade?.toLowerCase() === "websocket";
    if (handle === undefined || !isWebSocket) {
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    if (!isValidHandshake(req)) {
      // ws answers a malformed handshake with the precise 400/405 and never calls back
      servers.get(1024).handleUpgrade(req, socket, head, (peer) => peer.terminate());
      return;
    }
    const ctx = new RequestContext(
      upgradeAdapter,
      req,
      "GET",
      requestTarget(req.url),
      req.headers,
      schemeOf(req),
    );
    const transport = new NodeWebSocketTransport(req, socket, head, servers, open);
    handle.call(app, ctx, transport).catch((error: unknown) => {
      app.logger.error(`WebSocket ${ctx.path} failed`, error);
      transport.close(1011, "");
    });
  });
  return {
    get size() {
      return open.size;
    },
    async close(code = 1001, reason = "Server shutting down", timeout = 5_000) {
      const closing = [...open].map(
        (peer) =>
          new Promise<void>((resolve) => {
            peer.once("close", () => resolve());
            peer.close(code, reason);
            setTimeout(() => {
              peer.terminate();
              resolve();
            }, timeout).unref();
          }),
      );
      await Promise.all(closing);
    },
  };
}

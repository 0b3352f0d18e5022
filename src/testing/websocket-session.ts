import { Readable } from "node:stream";
import { type RequestAdapter, RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import type { Servable } from "../http/servable.js";
import type {
  WebSocketAcceptOptions,
  WebSocketData,
  WebSocketListener,
  WebSocketTransport,
} from "../http/websocket-transport.js";
import { WebSocketDisconnect } from "../websocket/errors.js";

/**
 * The handshake was refused with a plain HTTP response (no WebSocket route, a handler that
 * never accepted, an HTTPException from a dependency): what a real client sees as an
 * unexpected response.
 */
export class WebSocketDenialResponse extends Error {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: string;

  constructor(response: OutgoingResponse) {
    super(`WebSocket handshake refused with ${response.status}`);
    this.name = "WebSocketDenialResponse";
    this.status = response.status;
    this.headers = response.headers;
    this.body = typeof response.body === "string" ? response.body : "";
  }

  json(): unknown {
    return JSON.parse(this.body);
  }
}

interface Waiter {
  resolve(data: WebSocketData): void;
  reject(error: unknown): void;
}

/** The in-process pipe between a test session (the client) and the app's WebSocket (the server). */
class InProcessTransport implements WebSocketTransport {
  readonly connected: Promise<void>;
  #connect!: { resolve(): void; reject(error: unknown): void };
  #listener: WebSocketListener | undefined;
  #state: "connecting" | "open" | "closed" = "connecting";
  #maxMessageSize = Number.POSITIVE_INFINITY;
  #paused = false;
  readonly #held: WebSocketData[] = [];
  readonly toClient: WebSocketData[] = [];
  readonly #waiters: Waiter[] = [];
  closedWith: WebSocketDisconnect | undefined;
  subprotocol: string | undefined;
  readonly #abort: AbortController;

  constructor(abort: AbortController) {
    this.#abort = abort;
    this.connected = new Promise((resolve, reject) => {
      this.#connect = { resolve, reject };
    });
  }

  listen(listener: WebSocketListener): void {
    this.#listener = listener;
  }

  async accept(options: WebSocketAcceptOptions): Promise<void> {
    if (this.#state !== "connecting") return;
    this.#state = "open";
    this.#maxMessageSize = options.maxMessageSize;
    this.subprotocol = options.subprotocol;
    this.#connect.resolve();
  }

  async send(data: WebSocketData): Promise<void> {
    if (this.#state !== "open") throw new Error("the WebSocket is not open");
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter.resolve(data);
    else this.toClient.push(data);
  }

  close(code: number, reason: string): void {
    if (this.#state === "closed") return;
    const wasConnecting = this.#state === "connecting";
    this.#finish(new WebSocketDisconnect(code, reason));
    if (wasConnecting) this.#connect.reject(this.closedWith);
  }

  deny(response: OutgoingResponse): void {
    if (this.#state !== "connecting") return;
    this.#state = "closed";
    this.closedWith = new WebSocketDisconnect(1006, "");
    this.#connect.reject(new WebSocketDenialResponse(response));
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    while (!this.#paused && this.#held.length > 0) this.#deliver(this.#held.shift()!);
  }

  /** the client sends a message */
  fromClient(data: WebSocketData): void {
    if (this.#state !== "open") throw this.closedWith ?? new Error("the WebSocket is not open");
    const size = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
    if (size > this.#maxMessageSize) {
      // as ws: the server closes with 1009 (message too big), and its handler sees the same
      this.#finish(new WebSocketDisconnect(1009, ""));
      this.#listener?.close(1009, "");
      return;
    }
    if (this.#paused) this.#held.push(data);
    else this.#deliver(data);
  }

  /** the client closes */
  clientClose(code: number, reason: string): void {
    if (this.#state === "closed") return;
    this.#finish(new WebSocketDisconnect(code, reason));
    this.#listener?.close(code, reason);
  }

  /** the next message from the server; WebSocketDisconnect once it has closed */
  next(): Promise<WebSocketData> {
    const data = this.toClient.shift();
    if (data !== undefined) return Promise.resolve(data);
    if (this.closedWith !== undefined) return Promise.reject(this.closedWith);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #deliver(data: WebSocketData): void {
    queueMicrotask(() => this.#listener?.message(data));
  }

  #finish(closed: WebSocketDisconnect): void {
    this.#state = "closed";
    this.closedWith = closed;
    this.#abort.abort(new Error("client disconnected"));
    for (const waiter of this.#waiters.splice(0)) waiter.reject(closed);
  }
}

function adapterFor(transport: AbortController): RequestAdapter {
  return {
    readBody: async () => new Uint8Array(0),
    bodyStream: () => Readable.from([]),
    headerValues: (ctx, name) => {
      const value = ctx.header(name);
      return value === undefined ? [] : [value];
    },
    watchDisconnect(_ctx, controller) {
      if (transport.signal.aborted) controller.abort(transport.signal.reason);
      else
        transport.signal.addEventListener("abort", () => controller.abort(transport.signal.reason));
    },
    client: () => ({ host: "testclient", port: 50000 }),
  };
}

/**
 * One WebSocket opened by `TestClient.websocketConnect`, in-process: the same send/receive
 * names as the server side. `close()` resolves once the handler and its teardown have finished.
 */
export class WebSocketTestSession {
  readonly #transport: InProcessTransport;
  readonly #running: Promise<void>;

  constructor(transport: InProcessTransport, running: Promise<void>) {
    this.#transport = transport;
    this.#running = running;
  }

  /** the subprotocol the server accepted with */
  get subprotocol(): string | undefined {
    return this.#transport.subprotocol;
  }

  async sendText(text: string): Promise<void> {
    this.#transport.fromClient(text);
  }

  async sendBytes(data: Uint8Array): Promise<void> {
    this.#transport.fromClient(data);
  }

  async sendJson(value: unknown): Promise<void> {
    this.#transport.fromClient(JSON.stringify(value));
  }

  receive(): Promise<WebSocketData> {
    return this.#transport.next();
  }

  async receiveText(): Promise<string> {
    const data = await this.receive();
    if (typeof data !== "string") throw new TypeError("expected a text message, got bytes");
    return data;
  }

  async receiveBytes(): Promise<Uint8Array> {
    const data = await this.receive();
    if (typeof data === "string") throw new TypeError("expected a binary message, got text");
    return data;
  }

  async receiveJson(): Promise<unknown> {
    const data = await this.receive();
    return JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
  }

  /** the server's close, once it closed (else undefined) */
  get closeEvent(): WebSocketDisconnect | undefined {
    return this.#transport.closedWith;
  }

  /** closes from the client side and waits for the handler and its teardown */
  async close(code = 1000, reason = ""): Promise<void> {
    this.#transport.clientClose(code, reason);
    await this.#running;
  }

  /** waits for the handler (and its teardown) to finish, without closing */
  finished(): Promise<void> {
    return this.#running;
  }
}

/** Opens an in-process WebSocket on an app (see `TestClient.websocketConnect`). */
export async function connectWebSocket(
  app: Servable,
  url: URL,
  headers: Record<string, string>,
): Promise<WebSocketTestSession> {
  if (app.handleWebSocket === undefined) throw new Error("this app does not serve WebSockets");
  const lower: Record<string, string> = {
    host: url.host,
    connection: "upgrade",
    upgrade: "websocket",
    "sec-websocket-version": "13",
    "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  };
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  const abort = new AbortController();
  const ctx = new RequestContext(
    adapterFor(abort),
    null,
    "GET",
    `${url.pathname}${url.search}`,
    lower,
    url.protocol === "wss:" || url.protocol === "https:" ? "https" : "http",
  );
  const transport = new InProcessTransport(abort);
  const running = app.handleWebSocket(ctx, transport).catch((error: unknown) => {
    app.logger.error(`WebSocket ${url.pathname} failed`, error);
    transport.close(1011, "");
  });
  // a handler that ends without accepting or closing is refused (the app denies it with 403)
  await Promise.race([transport.connected, running.then(() => transport.connected)]);
  return new WebSocketTestSession(transport, running);
}

import type {
  WebSocketAcceptOptions,
  WebSocketData,
  WebSocketTransport,
} from "../http/websocket-transport.js";
import { WebSocketDisconnect, WebSocketException } from "./errors.js";

export type WebSocketState = "connecting" | "open" | "closed";

/** Limits a route's sockets run with (route options over the app's defaults). */
export interface WebSocketLimits {
  maxMessageSize: number;
  pingInterval: number;
  /** unread messages queued before the socket stops reading from the peer */
  receiveQueue: number;
}

interface Waiter {
  resolve(data: WebSocketData): void;
  reject(error: unknown): void;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The server side of one WebSocket, as a handler sees it. Messages are queued as they arrive;
 * past `receiveQueue` unread ones the socket stops reading, so a fast peer cannot fill memory.
 * Sends resolve once the frame is handed to the socket: awaiting them is the backpressure.
 *
 * @example
 * app.websocket("/echo", {}, async (ws) => {
 *   await ws.accept();
 *   for await (const message of ws) await ws.sendText(`echo: ${message}`);
 * });
 */
export class WebSocket {
  readonly #transport: WebSocketTransport;
  readonly #limits: WebSocketLimits;
  readonly #queue: WebSocketData[] = [];
  readonly #waiters: Waiter[] = [];
  #state: WebSocketState = "connecting";
  #closed: WebSocketDisconnect | undefined;
  #paused = false;

  constructor(transport: WebSocketTransport, limits: WebSocketLimits) {
    this.#transport = transport;
    this.#limits = limits;
    transport.listen({
      message: (data) => this.#arrived(data),
      close: (code, reason) => this.#peerClosed(code, reason),
    });
  }

  /** "connecting" until `accept()`, "closed" once either side closed */
  get state(): WebSocketState {
    return this.#state;
  }

  /** the close the peer sent (or 1006 for a dropped connection), once it happened */
  get closeEvent(): WebSocketDisconnect | undefined {
    return this.#closed;
  }

  /** completes the handshake; `subprotocol` is echoed in `Sec-WebSocket-Protocol` */
  async accept(options: { subprotocol?: string; headers?: Record<string, string> } = {}) {
    if (this.#state !== "connecting")
      throw new Error("the WebSocket was already accepted or closed");
    const accepting: WebSocketAcceptOptions = {
      ...options,
      maxMessageSize: this.#limits.maxMessageSize,
      pingInterval: this.#limits.pingInterval,
    };
    await this.#transport.accept(accepting);
    if (this.#state === "connecting") this.#state = "open";
  }

  /** @example await ws.sendText("hello") */
  sendText(text: string): Promise<void> {
    return this.#send(text);
  }

  /** @example await ws.sendBytes(new Uint8Array([1, 2])) */
  sendBytes(data: Uint8Array): Promise<void> {
    return this.#send(data);
  }

  /** sends compact JSON in a text frame */
  sendJson(value: unknown): Promise<void> {
    return this.#send(JSON.stringify(value));
  }

  /** the next message, text or bytes; throws WebSocketDisconnect once the peer has closed */
  receive(): Promise<WebSocketData> {
    const next = this.#queue.shift();
    if (next !== undefined) {
      if (this.#paused && this.#queue.length === 0) {
        this.#paused = false;
        this.#transport.resume();
      }
      return Promise.resolve(next);
    }
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    if (this.#state === "connecting")
      return Promise.reject(new Error("accept() the WebSocket before receiving"));
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** the next text message; a binary one closes the socket with 1003 */
  async receiveText(): Promise<string> {
    const data = await this.receive();
    if (typeof data !== "string") throw new WebSocketException(1003, "Expected a text message");
    return data;
  }

  /** the next binary message; a text one closes the socket with 1003 */
  async receiveBytes(): Promise<Uint8Array> {
    const data = await this.receive();
    if (typeof data === "string") throw new WebSocketException(1003, "Expected a binary message");
    return data;
  }

  /** the next message parsed as JSON (text, or UTF-8 bytes); invalid JSON closes with 1007 */
  async receiveJson(): Promise<unknown> {
    const data = await this.receive();
    try {
      return JSON.parse(typeof data === "string" ? data : decoder.decode(data));
    } catch {
      throw new WebSocketException(1007, "Invalid JSON message");
    }
  }

  /** closes with `code` (default 1000); safe to call twice */
  async close(code = 1000, reason = ""): Promise<void> {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#closed ??= new WebSocketDisconnect(code, reason);
    this.#transport.close(code, reason);
    this.#failWaiters();
  }

  /** every message until the peer closes (the loop then ends without an error) */
  async *[Symbol.asyncIterator](): AsyncGenerator<WebSocketData, void, undefined> {
    for (;;) {
      try {
        yield await this.receive();
      } catch (error) {
        if (error instanceof WebSocketDisconnect) return;
        throw error;
      }
    }
  }

  #send(data: WebSocketData): Promise<void> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    if (this.#state !== "open")
      return Promise.reject(new Error("accept() the WebSocket before sending"));
    // a send the transport could not complete means the peer has gone
    return this.#transport.send(data).catch(() => {
      throw this.#closed ?? new WebSocketDisconnect(1006, "");
    });
  }

  #arrived(data: WebSocketData): void {
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve(data);
      return;
    }
    this.#queue.push(data);
    if (!this.#paused && this.#queue.length >= this.#limits.receiveQueue) {
      this.#paused = true;
      this.#transport.pause();
    }
  }

  #peerClosed(code: number, reason: string): void {
    this.#closed ??= new WebSocketDisconnect(code, reason);
    this.#state = "closed";
    this.#failWaiters();
  }

  #failWaiters(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#closed);
  }
}

import { fetchContext } from "../http/fetch-handler.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import type { Servable } from "../http/servable.js";
import {
  fitCloseReason,
  type WebSocketAcceptOptions,
  type WebSocketData,
  type WebSocketListener,
  type WebSocketTransport,
} from "../http/websocket-transport.js";

/** Whether a Web Request asks for a WebSocket (`Upgrade: websocket`). */
export function isWebSocketRequest(request: Request): boolean {
  return request.headers.get("upgrade")?.toLowerCase() === "websocket";
}

/** The peer side a runtime gives once the handshake is done (Bun's ServerWebSocket, Deno's WebSocket). */
export interface WebPeer {
  /**
   * Bun: bytes written, -1 when queued past its backpressure mark (a `drain` follows), 0 when
   * dropped (or empty); Deno: nothing (its `bufferedAmount` says what is still queued)
   */
  send(data: WebSocketData): unknown;
  close(code: number, reason: string): void;
  readonly bufferedAmount?: number;
}

/** bytes a peer may hold unsent before `send` waits (a 1 MiB socket buffer's worth) */
export const SEND_HIGH_WATER = 1024 * 1024;

/**
 * A WebSocket handshake on a runtime whose fetch handler answers it with a Response (or, on
 * Bun, with nothing once upgraded): `answer` settles when the route accepts or refuses.
 * Subclasses do the runtime's upgrade; the peer's events come in through `opened`,
 * `received` and `closed`.
 */
export abstract class WebWebSocketTransport implements WebSocketTransport {
  readonly request: Request;
  /** what the fetch handler returns: the upgrade's Response (or undefined on Bun), or a refusal */
  readonly answer: Promise<Response | undefined>;
  #settle!: (response: Response | undefined) => void;
  #listener: WebSocketListener | undefined;
  #peer: WebPeer | undefined;
  #opened: Promise<void> | undefined;
  #resolveOpen: (() => void) | undefined;
  #rejectOpen: ((error: Error) => void) | undefined;
  #maxMessageSize = Number.POSITIVE_INFINITY;
  #done = false;
  readonly #drainWaiters: { resolve(): void; reject(error: Error): void }[] = [];
  readonly #open: Set<WebWebSocketTransport>;

  /** `open` holds the server's open sockets, for the close at shutdown */
  constructor(request: Request, open: Set<WebWebSocketTransport>) {
    this.request = request;
    this.#open = open;
    this.answer = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  /** the runtime's upgrade; returns the Response to send (undefined: the runtime answers) */
  protected abstract upgrade(options: WebSocketAcceptOptions): Response | undefined;

  listen(listener: WebSocketListener): void {
    this.#listener = listener;
  }

  accept(options: WebSocketAcceptOptions): Promise<void> {
    this.#opened ??= new Promise<void>((resolve, reject) => {
      this.#resolveOpen = resolve;
      this.#rejectOpen = reject;
      this.#maxMessageSize = options.maxMessageSize;
      try {
        this.#settle(this.upgrade(options));
      } catch (error) {
        reject(error as Error);
        this.#settle(new Response(null, { status: 400 }));
      }
    });
    return this.#opened;
  }

  /**
   * Resolves once the runtime has taken the frame and its queue is below the high-water
   * mark: awaiting sends is the backpressure, as on node.
   */
  send(data: WebSocketData): Promise<void> {
    if (this.#peer === undefined || this.#done)
      return Promise.reject(new Error("the WebSocket is not open"));
    const written = this.#peer.send(data);
    // Bun answers 0 for a dropped frame, and for an empty one it sent
    const empty = typeof data === "string" ? data.length === 0 : data.byteLength === 0;
    if (written === 0 && !empty) return Promise.reject(new Error("the WebSocket is not open"));
    if (written === -1 || (this.#peer.bufferedAmount ?? 0) > SEND_HIGH_WATER)
      return this.waitForDrain();
    return Promise.resolve();
  }

  /** resolves when the peer's queue has drained (the runtime's signal), rejects once closed */
  protected waitForDrain(): Promise<void> {
    return new Promise((resolve, reject) => this.#drainWaiters.push({ resolve, reject }));
  }

  /** the runtime says the peer's queue drained: sends waiting on it go on */
  drained(): void {
    for (const waiter of this.#drainWaiters.splice(0)) waiter.resolve();
  }

  close(code: number, reason: string): void {
    const text = fitCloseReason(reason);
    if (this.#peer !== undefined) {
      this.#peer.close(code, text);
      return;
    }
    // before accept the peer still sees the code: the handshake completes, the close follows
    this.accept({ maxMessageSize: 1024, pingInterval: 0 }).then(
      () => this.#peer?.close(code, text),
      () => undefined,
    );
  }

  deny(response: OutgoingResponse): void {
    if (this.#opened !== undefined) return;
    this.#done = true;
    const body = typeof response.body === "string" ? response.body : null;
    const headers: [string, string][] = [];
    for (const [name, value] of Object.entries(response.headers))
      for (const item of Array.isArray(value) ? value : [value]) headers.push([name, item]);
    this.#settle(new Response(body, { status: response.status, headers }));
  }

  /**
   * Neither runtime can stop reading one socket (Bun's ServerWebSocket and Deno's WebSocket
   * have no pause): past `receiveQueue` messages queue in the session instead. Their size is
   * still bounded: Bun refuses a frame past its `maxPayloadLength` before it arrives.
   */
  pause(): void {}
  resume(): void {}

  /** the runtime opened the socket */
  opened(peer: WebPeer): void {
    this.#peer = peer;
    this.#open.add(this);
    this.#resolveOpen?.();
  }

  /** a message from the peer; one past the route's limit closes with 1009 */
  received(data: WebSocketData): void {
    const size = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
    if (size > this.#maxMessageSize) {
      this.#peer?.close(1009, "");
      this.closed(1009, "");
      return;
    }
    this.#listener?.message(data);
  }

  /** the socket closed (by either side, or dropped) */
  closed(code: number, reason: string): void {
    this.#open.delete(this);
    for (const waiter of this.#drainWaiters.splice(0))
      waiter.reject(new Error("the WebSocket closed before the message was sent"));
    if (this.#done) return;
    this.#done = true;
    this.#rejectOpen?.(new Error("the client went away during the handshake"));
    this.#listener?.close(code, reason);
  }
}

/** Closes every open socket of a server with 1001, as node's `serve()` does at shutdown. */
export function closeWebSockets(open: Set<WebWebSocketTransport>): void {
  for (const transport of open) transport.close(1001, "Server shutting down");
}

/** Runs the app's WebSocket route for `transport`; a failure closes it with 1011. */
export function runWebSocket(
  app: Servable,
  transport: WebWebSocketTransport,
  platform: unknown,
): Promise<Response | undefined> {
  const ctx = fetchContext(transport.request, { platform });
  app.handleWebSocket!(ctx, transport).catch((error: unknown) => {
    app.logger.error(`WebSocket ${ctx.path} failed`, error);
    transport.close(1011, "");
  });
  return transport.answer;
}

import type { OutgoingResponse } from "./outgoing.js";

/** One message as it arrived: text frames are strings, binary frames bytes. */
export type WebSocketData = string | Uint8Array;

/** How a transport reports what the peer does; given once, by the session, before accepting. */
export interface WebSocketListener {
  message(data: WebSocketData): void;
  /** the peer closed, the connection dropped (1006), or a frame broke a limit (1009) */
  close(code: number, reason: string): void;
}

export interface WebSocketAcceptOptions {
  subprotocol?: string;
  headers?: Record<string, string>;
  /** largest accepted message in bytes; a larger one closes the socket with 1009 */
  maxMessageSize: number;
  /** ms between pings; a peer that has not answered the previous ping by then is dropped */
  pingInterval: number;
}

/**
 * What a server adapter does for one WebSocket handshake (node's `upgrade`, the in-process
 * test client). The session in `websocket/` drives it; adapters never see routes.
 */
export interface WebSocketTransport {
  listen(listener: WebSocketListener): void;
  /** completes the handshake */
  accept(options: WebSocketAcceptOptions): Promise<void>;
  /** resolves once the frame is handed to the socket (awaiting it is the send backpressure) */
  send(data: WebSocketData): Promise<void>;
  /**
   * Closes with `code`; before `accept` the peer still sees the code and reason (the
   * handshake completes and the close frame follows at once).
   */
  close(code: number, reason: string): void;
  /** refuses the handshake with a plain HTTP response (no route, never accepted, HTTPException) */
  deny(response: OutgoingResponse): void;
  /** stops reading from the peer until `resume` (receive backpressure) */
  pause(): void;
  resume(): void;
}

/** Close reasons travel in a control frame: at most 123 bytes of UTF-8, cut on a character. */
export function fitCloseReason(reason: string): string {
  if (Buffer.byteLength(reason) <= 123) return reason;
  let cut = reason.slice(0, 123);
  while (Buffer.byteLength(cut) > 123) cut = cut.slice(0, -1);
  return cut;
}

/**
 * The peer closed the socket (or the connection dropped: 1006). Raised by `receive*()` and
 * `send*()`; a handler that lets it escape simply ends.
 *
 * @example try { for (;;) await ws.receiveText(); } catch (e) { if (e instanceof WebSocketDisconnect) log(e.code); }
 */
export class WebSocketDisconnect extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code = 1000, reason = "") {
    super(`WebSocket closed with ${code}${reason === "" ? "" : `: ${reason}`}`);
    this.name = "WebSocketDisconnect";
    this.code = code;
    this.reason = reason;
  }
}

/**
 * Thrown from a WebSocket handler or dependency: the socket is closed with `code` and `reason`.
 *
 * @example throw new WebSocketException(1008, "denied");
 */
export class WebSocketException extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code: number, reason = "") {
    super(`WebSocket closing with ${code}${reason === "" ? "" : `: ${reason}`}`);
    this.name = "WebSocketException";
    this.code = code;
    this.reason = reason;
  }
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

const INVALID_REQUEST = "Invalid HTTP request received.";

/** node's own answers, kept for the errors that have a status of their own */
const NODE_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n",
  ERR_HTTP_REQUEST_TIMEOUT: "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n",
};

/** uvicorn's answer to a request its parser refuses (httptools and h11 write the same) */
function invalidRequest(): string {
  return (
    `HTTP/1.1 400 Bad Request\r\ndate: ${new Date().toUTCString()}\r\n` +
    "content-type: text/plain; charset=utf-8\r\n" +
    `content-length: ${INVALID_REQUEST.length}\r\nconnection: close\r\n\r\n${INVALID_REQUEST}`
  );
}

const refused = new WeakSet<Socket>();

/**
 * node:http's `clientError` handling with uvicorn's words and order: a request the parser
 * refuses (malformed request line, header or chunked framing) is answered 400 `Invalid HTTP
 * request received.` as text, then the connection closes; a head too large (431) and a request
 * too slow (408) keep node's answers. Requests received whole before the bad bytes (pipelined)
 * are answered first, as uvicorn reads the next request only after answering one; a response
 * already under way for a request cut by the error is not interrupted with a second status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (refused.has(socket)) return;
  refused.add(socket);
  answerAfterInFlight(error, socket);
}

function answerAfterInFlight(error: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  // node detaches a response from its socket on "finish" (then moves the socket on to the next
  // pipelined response, before this listener runs): one still attached has not finished
  if (inFlight?.req?.complete && !socket.destroyed) {
    let next = false;
    const proceed = () => {
      if (next) return;
      next = true;
      answerAfterInFlight(error, socket);
    };
    inFlight.once("finish", proceed);
    inFlight.once("close", proceed);
    return;
  }
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(NODE_ANSWERS[error.code ?? ""] ?? invalidRequest());
  }
  socket.destroy(error);
}

/**
 * h11's answer to an HTTP/1.1 request without Host (RFC 9112 §3.2): uvicorn's 400 `Invalid HTTP
 * request received.`, then close; node's own check (`requireHostHeader`) sent a bare chunked 400.
 * Answered through the response, so the requests pipelined before it are answered first.
 * Returns whether the request was refused.
 */
export function refuseHostless(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers.host !== undefined || req.httpVersion !== "1.1") return false;
  res.shouldKeepAlive = false;
  res.writeHead(400, [
    ["date", new Date().toUTCString()],
    ["content-type", "text/plain; charset=utf-8"],
    ["content-length", String(INVALID_REQUEST.length)],
    ["connection", "close"],
  ]);
  res.end(INVALID_REQUEST);
  return true;
}

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TailorLogger } from "../logging/logger.js";

// printable ASCII without spaces, as long as a reasonable id: anything else is replaced
const VALID_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The request's id: its X-Request-ID when that is a sane token, else a new UUID. The request's
 * header is set to it, so the app reads it as `ctx.header("x-request-id")`.
 */
export function assignRequestId(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  if (typeof given === "string" && VALID_ID.test(given)) return given;
  const id = randomUUID();
  req.headers["x-request-id"] = id;
  return id;
}

/**
 * Writes one access line when the response is done (or the client left):
 * `GET /items/3 200` with method, path, status, duration_ms, bytes (written to the socket for
 * this response, headers included), client and request_id.
 */
export function logAccessWhenDone(
  log: TailorLogger,
  req: IncomingMessage,
  res: ServerResponse,
  client: () => string,
  requestId: string,
): void {
  const start = performance.now();
  const socket = req.socket;
  const before = socket.bytesWritten;
  res.once("close", () => {
    const fields: Record<string, unknown> = {
      method: req.method,
      path: req.url,
      status: res.statusCode,
      duration_ms: Math.round((performance.now() - start) * 100) / 100,
      bytes: socket.bytesWritten - before,
      client: client(),
      request_id: requestId,
    };
    // the client went away before the whole response was written
    if (!res.writableFinished) fields.aborted = true;
    log.info(`${req.method} ${req.url} ${res.statusCode}`, fields);
  });
}

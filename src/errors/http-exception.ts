import { statusPhrase } from "../internal/status.js";

/**
 * An error that becomes an HTTP response: `{"detail": detail}` with `status` and `headers`.
 * Without a detail (or with `null`, FastAPI's `detail=None`) the body carries the status's
 * reason phrase, as in FastAPI.
 *
 * @example
 * throw new HTTPException(404, "Item not found");
 * throw new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
 */
export class HTTPException extends Error {
  readonly status: number;
  readonly detail: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, detail?: unknown, headers?: Record<string, string>) {
    const resolved = detail === undefined || detail === null ? statusPhrase(status) : detail;
    super(typeof resolved === "string" ? resolved : JSON.stringify(resolved));
    this.name = "HTTPException";
    this.status = status;
    this.detail = resolved;
    this.headers = headers;
  }
}

export function isHTTPException(error: unknown): error is HTTPException {
  return error instanceof HTTPException;
}

import { isBodylessStatus } from "../internal/status.js";
import type { RequestContext } from "./context.js";

export type ResponseBody = string | Uint8Array | null | AsyncIterable<string | Uint8Array>;
/** lowercase header names; `set-cookie` may hold several values */
export type ResponseHeaders = Record<string, string | string[]>;

/** What adapters send: a Response, or the plain object a compiled route builds for JSON. */
export interface OutgoingResponse {
  status: number;
  headers: ResponseHeaders;
  body: ResponseBody;
  /**
   * A response that depends on the request it answers finishes itself just before it is sent
   * (a file answers `Range`, `If-None-Match` and HEAD); most responses have no `finish`.
   */
  finish?(ctx: RequestContext): OutgoingResponse;
}

/**
 * The content-length header a fixed body (string, bytes or none) is sent with; undefined when
 * the status carries no body, except a 205, which Starlette frames with `content-length: 0`
 * (node would otherwise send an empty chunked body).
 */
export function fixedContentLength(
  status: number,
  body: string | Uint8Array | null,
): string | undefined {
  if (!isBodylessStatus(status)) {
    return String(
      body === null ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
    );
  }
  return status === 205 ? "0" : undefined;
}

/** The plain-text 500 sent when nothing better can be (an error no handler took, a bad status). */
export function internalErrorResponse(): OutgoingResponse {
  return {
    status: 500,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: "Internal Server Error",
  };
}

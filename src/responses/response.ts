import type { OutgoingResponse, ResponseBody, ResponseHeaders } from "../http/outgoing.js";
import { isBodylessStatus } from "../internal/status.js";

export type { OutgoingResponse, ResponseBody, ResponseHeaders };

export interface ResponseInit {
  status?: number;
  headers?: Record<string, string>;
  /** the content type; `text/*` types get `; charset=utf-8` */
  mediaType?: string;
}

function withCharset(mediaType: string): string {
  return mediaType.startsWith("text/") && !mediaType.includes("charset")
    ? `${mediaType}; charset=utf-8`
    : mediaType;
}

function lowerCaseHeaders(headers: Record<string, string> | undefined): ResponseHeaders {
  const out: ResponseHeaders = {};
  if (headers) for (const name in headers) out[name.toLowerCase()] = headers[name]!;
  return out;
}

/**
 * A response returned as-is: no response schema, no serialization. Subclasses render content.
 *
 * @example return new Response("raw bytes", { status: 200, mediaType: "application/octet-stream" });
 */
export class Response implements OutgoingResponse {
  status: number;
  readonly headers: ResponseHeaders;
  body: ResponseBody;

  constructor(content?: unknown, init: ResponseInit = {}, defaultMediaType?: string) {
    this.status = init.status ?? 200;
    this.headers = lowerCaseHeaders(init.headers);
    const mediaType = init.mediaType ?? defaultMediaType;
    this.body = isBodylessStatus(this.status) ? null : this.render(content);
    if (mediaType !== undefined && this.headers["content-type"] === undefined) {
      this.headers["content-type"] = withCharset(mediaType);
    }
  }

  /** content -> body; the base class takes strings and bytes as they are */
  protected render(content: unknown): ResponseBody {
    if (content === undefined || content === null) return null;
    if (typeof content === "string" || content instanceof Uint8Array) return content;
    throw new TypeError("Response content must be a string or bytes; use JSONResponse for values");
  }
}

/** JSON as FastAPI writes it: compact, raw UTF-8, `application/json` without charset. */
export function encodeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch (error) {
    if (error instanceof TypeError && /BigInt/.test(error.message)) {
      return JSON.stringify(value, (_key, v) =>
        typeof v === "bigint" ? `\u0000${v}\u0000` : v,
      ).replace(/"\\u0000(-?\d+)\\u0000"/g, "$1");
    }
    throw error;
  }
}

/** @example return new JSONResponse({ error: "quota" }, { status: 429, headers: { "retry-after": "30" } }); */
export class JSONResponse extends Response {
  constructor(content: unknown, init: ResponseInit = {}) {
    super(content, init, "application/json");
  }

  protected override render(content: unknown): ResponseBody {
    return encodeJson(content);
  }
}

/** `text/html; charset=utf-8` */
export class HTMLResponse extends Response {
  constructor(content: string, init: ResponseInit = {}) {
    super(content, init, "text/html");
  }
}

/** `text/plain; charset=utf-8` */
export class PlainTextResponse extends Response {
  constructor(content: string, init: ResponseInit = {}) {
    super(content, init, "text/plain");
  }
}

/**
 * A redirect, 307 by default; the location is sent as given (a relative URL stays relative).
 * @example return new RedirectResponse("/items", { status: 303 });
 */
export class RedirectResponse extends Response {
  constructor(url: string, init: Omit<ResponseInit, "mediaType"> = {}) {
    super("", { ...init, status: init.status ?? 307 });
    this.headers.location = url.replace(UNSAFE_IN_LOCATION, encodeUtf8);
  }
}

// Starlette quotes a redirect URL with Python's quote(url, safe=":/%#?=@[]!$&'()*+,;"):
// existing escapes are kept, everything else outside the safe set is percent-encoded as UTF-8
const UNSAFE_IN_LOCATION = /[^A-Za-z0-9_.\-~:/%#?=@[\]!$&'()*+,;]/gu;

function encodeUtf8(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    return "%EF%BF%BD"; // a lone surrogate: the replacement character
  }
}

export function isResponse(value: unknown): value is Response {
  return value instanceof Response;
}

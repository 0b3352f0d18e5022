import type { OutgoingResponse, ResponseBody, ResponseHeaders } from "../http/outgoing.js";
import { isBodylessStatus } from "../internal/status.js";
import { encodeSpecial, NOT_SPECIAL } from "./jsonable-encoder.js";

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

/**
 * JSON as FastAPI writes it: compact, raw UTF-8, `application/json` without charset. Values
 * `JSON.stringify` gets wrong are written as `jsonableEncoder` has them: a `Set` as a list, a
 * `Map` as an object, a typed array as a list, bytes as text, a `bigint` as its digits.
 */
export function encodeJson(value: unknown): string {
  if (!hasSpecial(value, 0)) return JSON.stringify(value) ?? "null";
  bigintSeen = false;
  nulSeen = false;
  const text = JSON.stringify(value, replaceSpecial) ?? "null";
  // a bigint was written as the string NUL digits NUL; NULs of the data's own strings were
  // doubled so they cannot pass for one, and are undoubled here
  return bigintSeen || nulSeen ? text.replace(MARKS, unmark) : text;
}

const NUL = "\u0000";
const MARKS = /"\\u0000(-?\d+)\\u0000"|\\u0000\\u0000/g;
let bigintSeen = false;
let nulSeen = false;

function unmark(_match: string, digits: string | undefined): string {
  return digits ?? "\\u0000";
}

function doubleNul(text: string): string {
  nulSeen = true;
  return text.replaceAll(NUL, NUL + NUL);
}

/**
 * Whether a value holds anything `JSON.stringify` alone would get wrong: a walk over plain
 * objects and arrays is cheaper than a replacer called for every key (bench/ENCODER.md).
 */
function hasSpecial(value: unknown, depth: number): boolean {
  if (typeof value === "bigint") return true;
  if (typeof value !== "object" || value === null) return false;
  if (depth > 200) return true; // the replacer path handles (or reports) what is this deep
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasSpecial(value[i], depth + 1)) return true;
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if (value instanceof Set || value instanceof Map || ArrayBuffer.isView(value)) return true;
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  }
  // for-in allocates no array (Object.values did); an enumerable property some prototype
  // adds only sends the value down the replacer path, which writes it exactly the same
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (
      typeof item === "object"
        ? item !== null && hasSpecial(item, depth + 1)
        : typeof item === "bigint"
    )
      return true;
  }
  return false;
}

function replaceSpecial(this: Record<string, unknown>, key: string, found: unknown): unknown {
  if (typeof found === "string") return found.includes(NUL) ? doubleNul(found) : found;
  if (typeof found === "object") {
    if (found === null || Array.isArray(found)) return found;
    let value: object = found;
    const raw = this[key]; // before toJSON: a Buffer's toJSON hides that it is bytes
    if (typeof raw === "object" && raw !== null) {
      const plain = encodeSpecial(raw);
      if (typeof plain === "string") return replaceSpecial.call(this, key, plain);
      if (Array.isArray(plain)) return plain;
      if (plain !== NOT_SPECIAL) value = plain as object;
    }
    const keys = Object.keys(value);
    if (!keys.some((name) => name.includes(NUL))) return value;
    const renamed: Record<string, unknown> = {};
    for (const name of keys)
      renamed[name.includes(NUL) ? doubleNul(name) : name] = (value as Record<string, unknown>)[
        name
      ];
    return renamed;
  }
  if (typeof found === "bigint") {
    bigintSeen = true;
    return `${NUL}${found}${NUL}`;
  }
  return found;
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

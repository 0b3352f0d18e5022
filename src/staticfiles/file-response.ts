import { randomBytes } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse, ResponseHeaders } from "../http/outgoing.js";
import { Response } from "../responses/response.js";
import { type FileInfo, fileEtag, infoFromStats, lastModified } from "./file-stat.js";
import { guessMediaType } from "./media-types.js";
import { type ByteRange, parseRange } from "./ranges.js";

export interface FileResponseInit {
  /** sets `content-disposition` so browsers download the file under this name */
  filename?: string;
  /** default: guessed from `filename` or the path (`text/plain` when unknown) */
  mediaType?: string;
  status?: number;
  headers?: Record<string, string>;
  /** default "attachment"; "inline" lets the browser show the file */
  contentDispositionType?: "attachment" | "inline";
  /** size and modification time when already known (skips the stat) */
  info?: FileInfo;
}

/** Headers a 304 keeps (RFC 9110 §15.4.5), as Starlette's StaticFiles keeps them. */
const NOT_MODIFIED_HEADERS = [
  "cache-control",
  "content-location",
  "date",
  "etag",
  "expires",
  "vary",
];

/** Python's `urllib.parse.quote`: everything but letters, digits, `_.-~` and `/` escaped. */
function pythonQuote(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%2F", "/");
}

function contentDisposition(type: string, filename: string): string {
  const quoted = pythonQuote(filename);
  return quoted === filename
    ? `${type}; filename="${filename}"`
    : `${type}; filename*=utf-8''${quoted}`;
}

function fileChunks(path: string, start?: number, end?: number): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () =>
      createReadStream(path, { start, end })[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>,
  };
}

async function* multipartChunks(
  path: string,
  ranges: ByteRange[],
  parts: string[],
  closing: string,
): AsyncIterable<Uint8Array | string> {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    yield parts[i]!;
    yield* fileChunks(path, range.start, range.end);
  }
  yield closing;
}

function parseHttpDate(value: string): number {
  const time = Date.parse(value);
  return Number.isNaN(time) ? Number.NaN : Math.floor(time / 1000);
}

/**
 * A file streamed from disk: content type from the name, `content-length`, `last-modified`,
 * `etag` (Starlette's formula), `accept-ranges: bytes`. Returned from a route, it also answers
 * `Range` (206, or 416), `If-Range`, `If-None-Match` / `If-Modified-Since` (304) and HEAD.
 *
 * @example
 * app.get("/report", {}, () => new FileResponse("data/report.pdf", { filename: "report.pdf" }));
 */
export class FileResponse extends Response {
  readonly path: string;
  readonly info: FileInfo;

  constructor(path: string, init: FileResponseInit = {}) {
    const headers: Record<string, string> = { ...init.headers };
    super(undefined, {
      status: init.status,
      headers,
      mediaType: init.mediaType ?? guessMediaType(init.filename ?? path),
    });
    this.path = path;
    this.info = init.info ?? FileResponse.#stat(path);
    const own = this.headers;
    if (init.filename !== undefined) {
      own["content-disposition"] ??= contentDisposition(
        init.contentDispositionType ?? "attachment",
        init.filename,
      );
    }
    own["accept-ranges"] ??= "bytes";
    own["content-length"] ??= String(this.info.size);
    own["last-modified"] ??= lastModified(this.info);
    own.etag ??= fileEtag(this.info);
    this.body = this.status === 204 || this.status === 304 ? null : fileChunks(path);
  }

  static #stat(path: string): FileInfo {
    const stats = statSync(path, { bigint: true });
    if (!stats.isFile()) throw new Error(`FileResponse: ${path} is not a file`);
    return infoFromStats(stats);
  }

  /** true when the request's validators say the client's copy is current */
  isNotModified(ctx: RequestContext): boolean {
    const ifNoneMatch = ctx.header("if-none-match");
    if (ifNoneMatch !== undefined) {
      const etag = this.headers.etag as string;
      return ifNoneMatch
        .split(",")
        .some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === etag);
    }
    const since = ctx.header("if-modified-since");
    if (since === undefined) return false;
    const sinceTime = parseHttpDate(since);
    const modified = parseHttpDate(this.headers["last-modified"] as string);
    return sinceTime >= modified;
  }

  /**
   * This response as the request wants it: 304 when the client's copy is current, 206 for a
   * satisfiable `Range`, 416 for an unsatisfiable one, no body for HEAD. Only a 200 changes.
   */
  finish(ctx: RequestContext): OutgoingResponse {
    if (ctx.method !== "GET" && ctx.method !== "HEAD") return this;
    if (this.status !== 200) return this.#headOnly(ctx, this);
    if (this.isNotModified(ctx)) return this.notModified();
    const range = ctx.header("range");
    if (range === undefined || !this.#rangeStillValid(ctx)) return this.#headOnly(ctx, this);
    const ranges = parseRange(range, this.info.size);
    if (ranges === null) return this.#headOnly(ctx, this);
    if (ranges === "unsatisfiable") {
      return {
        status: 416,
        headers: { "content-range": `bytes */${this.info.size}` },
        body: null,
      };
    }
    const partial = ranges.length === 1 ? this.#single(ranges[0]!) : this.#multipart(ranges);
    return this.#headOnly(ctx, partial);
  }

  /** a 304 with the validators and caching headers of this response */
  notModified(): OutgoingResponse {
    const headers: ResponseHeaders = {};
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = this.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    return { status: 304, headers, body: null };
  }

  #rangeStillValid(ctx: RequestContext): boolean {
    const ifRange = ctx.header("if-range");
    return (
      ifRange === undefined ||
      ifRange === this.headers.etag ||
      ifRange === this.headers["last-modified"]
    );
  }

  #headOnly(ctx: RequestContext, response: OutgoingResponse): OutgoingResponse {
    if (ctx.method !== "HEAD") return response;
    return { status: response.status, headers: response.headers, body: null };
  }

  #single(range: ByteRange): OutgoingResponse {
    return {
      status: 206,
      headers: {
        ...this.headers,
        "content-range": `bytes ${range.start}-${range.end}/${this.info.size}`,
        "content-length": String(range.end - range.start + 1),
      },
      body: fileChunks(this.path, range.start, range.end),
    };
  }

  #multipart(ranges: ByteRange[]): OutgoingResponse {
    const boundary = randomBytes(12).toString("hex");
    const type = this.headers["content-type"] as string;
    const parts = ranges.map(
      (range, i) =>
        `${i === 0 ? "" : "\r\n"}--${boundary}\r\ncontent-type: ${type}\r\n` +
        `content-range: bytes ${range.start}-${range.end}/${this.info.size}\r\n\r\n`,
    );
    const closing = `\r\n--${boundary}--\r\n`;
    let length = Buffer.byteLength(closing);
    for (let i = 0; i < ranges.length; i++) {
      length += Buffer.byteLength(parts[i]!) + ranges[i]!.end - ranges[i]!.start + 1;
    }
    return {
      status: 206,
      headers: {
        ...this.headers,
        "content-type": `multipart/byteranges; boundary=${boundary}`,
        "content-length": String(length),
      },
      body: multipartChunks(this.path, ranges, parts, closing),
    };
  }
}

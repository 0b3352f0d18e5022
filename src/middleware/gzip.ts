import { constants, createGzip, gzipSync } from "node:zlib";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse, ResponseHeaders } from "../http/outgoing.js";
import { addVary, contentTypeOf } from "./headers.js";
import type { CallNext, MiddlewareObject } from "./types.js";

export interface GZipOptions {
  /** default 500: fixed bodies smaller than this many bytes are sent as they are */
  minimumSize?: number;
  /** default 9 (zlib's 1 = fastest … 9 = smallest) */
  compressLevel?: number;
}

/** Streams whose consumers need every event at once, never compressed (as Starlette). */
const EXCLUDED_TYPES = ["text/event-stream"];

function isFixed(body: OutgoingResponse["body"]): body is string | Uint8Array {
  return typeof body === "string" || body instanceof Uint8Array;
}

/**
 * Gzips a stream chunk by chunk. Every chunk is flushed (`Z_SYNC_FLUSH`) so a streamed token
 * reaches the client as soon as the handler yields it, at the cost of a few bytes per chunk.
 */
async function* gzipStream(
  source: AsyncIterable<string | Uint8Array>,
  level: number,
): AsyncGenerator<Uint8Array> {
  const zip = createGzip({ level });
  let pending: Buffer[] = [];
  zip.on("data", (chunk: Buffer) => pending.push(chunk));
  const take = (): Buffer => {
    const out = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    return out;
  };
  try {
    for await (const chunk of source) {
      zip.write(chunk);
      await new Promise<void>((resolve) => zip.flush(constants.Z_SYNC_FLUSH, () => resolve()));
      if (pending.length > 0) yield take();
    }
    await new Promise<void>((resolve, reject) => {
      zip.once("end", resolve);
      zip.once("error", reject);
      zip.end();
    });
    if (pending.length > 0) yield take();
  } finally {
    zip.close();
  }
}

/**
 * Compresses responses for clients that send `accept-encoding: gzip`: fixed bodies of at least
 * `minimumSize` bytes (with the compressed `content-length`), and streams chunk by chunk. Bodies
 * that already carry a `content-encoding`, and `text/event-stream`, pass through untouched.
 * Compressible responses get `vary: Accept-Encoding` whether or not they were compressed.
 *
 * @example app.addMiddleware(new GZipMiddleware({ minimumSize: 1000 }));
 */
export class GZipMiddleware implements MiddlewareObject {
  readonly #minimumSize: number;
  readonly #level: number;

  constructor(options: GZipOptions = {}) {
    this.#minimumSize = options.minimumSize ?? 500;
    this.#level = options.compressLevel ?? 9;
  }

  async dispatch(ctx: RequestContext, callNext: CallNext): Promise<OutgoingResponse> {
    const response = await callNext();
    const { body } = response;
    if (body === null || response.headers["content-encoding"] !== undefined) return response;
    const type = contentTypeOf(response.headers);
    if (EXCLUDED_TYPES.some((excluded) => type.startsWith(excluded))) return response;
    const fixed = isFixed(body);
    if (fixed) {
      const size = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
      if (size < this.#minimumSize) return response;
    }
    const headers: ResponseHeaders = { ...response.headers };
    addVary(headers, "Accept-Encoding");
    if (!(ctx.header("accept-encoding") ?? "").includes("gzip")) {
      return { status: response.status, headers, body };
    }
    if (fixed) {
      const zipped = gzipSync(body, { level: this.#level });
      headers["content-encoding"] = "gzip";
      headers["content-length"] = String(zipped.byteLength);
      return { status: response.status, headers, body: zipped };
    }
    headers["content-encoding"] = "gzip";
    delete headers["content-length"];
    return { status: response.status, headers, body: gzipStream(body, this.#level) };
  }
}

import { createReadStream } from "node:fs";
import { open, readFile, rm } from "node:fs/promises";
import type { ReceivedFile } from "../http/form-body.js";

const CLOSED = "I/O operation on closed file.";

/**
 * A file from a `multipart/form-data` request (FastAPI's `UploadFile`). Small files are held in
 * memory; files past the route's `spoolThreshold` (1 MiB) are in a temp file that is deleted
 * once the response is sent (or at `close()`) — read what a background task needs in the handler.
 * `read(size)`, `write(data)` and `seek(offset)` share one position, as Starlette's file does;
 * `text()` and `stream()` give the whole file and leave the position where it is.
 *
 * @example
 * app.post("/upload", { params: { file: File() } }, async ({ file }) =>
 *   ({ filename: file.filename, size: file.size, type: file.contentType, text: await file.text() }));
 */
export class UploadFile {
  /** the client's file name (path components removed), null when the part had none */
  readonly filename: string | null;
  /** the part's content type ("application/octet-stream" when it had none) */
  readonly contentType: string;
  /** the part's headers that were kept: its content type */
  readonly headers: Readonly<Record<string, string>>;
  #size: number;
  #position = 0;
  #closed = false;
  // in memory: the received chunks, joined into `#bytes` on the first partial read or write
  #chunks: readonly Uint8Array[] | null;
  #bytes: Uint8Array | null = null;
  readonly #path: string | null;

  constructor(file: ReceivedFile) {
    this.filename = file.filename;
    this.contentType = file.contentType;
    this.headers = { "content-type": file.contentType };
    this.#size = file.size;
    this.#chunks = file.chunks;
    this.#path = file.path;
  }

  /** bytes in the file (received, then grown by `write`) */
  get size(): number {
    return this.#size;
  }

  /** whether `close()` was called */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Up to `size` bytes from the current position (all the rest when omitted), moving past them.
   * @example const head = await file.read(4); await file.seek(0); const all = await file.read();
   */
  async read(size = -1): Promise<Uint8Array> {
    this.#checkOpen();
    if (!Number.isInteger(size))
      throw new RangeError(`read(): size must be an integer (negative for the rest), got ${size}`);
    const start = Math.min(this.#position, this.#size);
    const end = size < 0 ? this.#size : Math.min(this.#size, start + size);
    this.#position = Math.max(this.#position, end);
    if (end <= start) return new Uint8Array(0);
    if (this.#path !== null) {
      if (start === 0 && end === this.#size) return new Uint8Array(await readFile(this.#path));
      const out = new Uint8Array(end - start);
      const handle = await open(this.#path, "r");
      try {
        await handle.read(out, 0, out.length, start);
      } finally {
        await handle.close();
      }
      return out;
    }
    return this.#memory().subarray(start, end);
  }

  /**
   * Writes bytes at the current position (overwriting, or growing the file) and moves past them.
   * @example await file.seek(file.size); await file.write(new TextEncoder().encode("\n"));
   */
  async write(data: Uint8Array | string): Promise<void> {
    this.#checkOpen();
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    const at = this.#position;
    const size = Math.max(this.#size, at + bytes.length);
    if (this.#path !== null) {
      const handle = await open(this.#path, "r+");
      try {
        await handle.write(bytes, 0, bytes.length, at);
      } finally {
        await handle.close();
      }
    } else {
      // a new buffer for every write: bytes returned by an earlier read() never change
      const grown = new Uint8Array(size);
      grown.set(this.#memory());
      grown.set(bytes, at);
      this.#bytes = grown;
    }
    this.#size = size;
    this.#position = at + bytes.length;
  }

  /**
   * Moves the position to `offset` bytes from the start.
   * @example await file.seek(0);
   */
  async seek(offset: number): Promise<void> {
    this.#checkOpen();
    if (!Number.isInteger(offset) || offset < 0)
      throw new RangeError(`seek(): offset must be an integer >= 0, got ${offset}`);
    this.#position = offset;
  }

  /**
   * Closes the file: its memory is released and a spooled temp file deleted now; later reads,
   * writes and seeks throw. Closing twice is harmless.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#chunks = null;
    this.#bytes = null;
    if (this.#path !== null) await rm(this.#path, { force: true });
  }

  /** every byte of the file decoded as UTF-8, wherever the position is */
  async text(): Promise<string> {
    this.#checkOpen();
    if (this.#path !== null) return readFile(this.#path, "utf8");
    return new TextDecoder().decode(this.#memory());
  }

  /** the whole file in chunks, without holding a spooled file in memory */
  async *stream(): AsyncGenerator<Uint8Array, void, undefined> {
    this.#checkOpen();
    if (this.#path !== null) {
      for await (const chunk of createReadStream(this.#path)) yield chunk as Buffer;
      return;
    }
    if (this.#bytes !== null) yield this.#bytes;
    else for (const chunk of this.#chunks ?? []) yield chunk;
  }

  toJSON(): Record<string, unknown> {
    return { filename: this.filename, content_type: this.contentType, size: this.#size };
  }

  #checkOpen(): void {
    if (this.#closed) throw new Error(CLOSED);
  }

  /** the in-memory contents as one array; joined once */
  #memory(): Uint8Array {
    if (this.#bytes !== null) return this.#bytes;
    const chunks = this.#chunks ?? [];
    this.#bytes =
      chunks.length === 0
        ? new Uint8Array(0)
        : chunks.length === 1
          ? chunks[0]!
          : Buffer.concat(chunks, this.#size);
    this.#chunks = null;
    return this.#bytes;
  }
}

import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import type { ReceivedFile } from "../http/form-body.js";

/**
 * A file from a `multipart/form-data` request (FastAPI's `UploadFile`). Small files are held in
 * memory; files past the route's `spoolThreshold` (1 MiB) are in a temp file that is deleted
 * once the response is sent — read what a background task needs inside the handler.
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
  /** bytes received */
  readonly size: number;
  /** the part's headers that were kept: its content type */
  readonly headers: Readonly<Record<string, string>>;
  readonly #file: ReceivedFile;

  constructor(file: ReceivedFile) {
    this.#file = file;
    this.filename = file.filename;
    this.contentType = file.contentType;
    this.size = file.size;
    this.headers = { "content-type": file.contentType };
  }

  /** every byte of the file */
  async read(): Promise<Uint8Array> {
    const { chunks, path } = this.#file;
    if (path !== null) return new Uint8Array(await readFile(path));
    if (chunks === null || chunks.length === 0) return new Uint8Array(0);
    if (chunks.length === 1) return chunks[0]!;
    return Buffer.concat(chunks, this.size);
  }

  /** the file decoded as UTF-8 */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.read());
  }

  /** the file in chunks, without holding a spooled file in memory */
  async *stream(): AsyncGenerator<Uint8Array, void, undefined> {
    const { chunks, path } = this.#file;
    if (path !== null) {
      for await (const chunk of createReadStream(path)) yield chunk as Buffer;
      return;
    }
    for (const chunk of chunks ?? []) yield chunk;
  }

  toJSON(): Record<string, unknown> {
    return { filename: this.filename, content_type: this.contentType, size: this.size };
  }
}

import { randomUUID } from "node:crypto";
import { type FileHandle, open, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type busboy from "busboy";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "./context.js";
import { MultipartScanner } from "./multipart-heads.js";
import { readUrlencodedBody } from "./urlencoded-body.js";

// busboy is loaded on the first form request: apps without forms never hold it in memory
let loadedBusboy: typeof busboy | undefined;
function createBusboy(config: busboy.BusboyConfig): busboy.Busboy {
  loadedBusboy ??= createRequire(import.meta.url)("busboy") as typeof busboy;
  return loadedBusboy(config);
}

/** How much of a form or multipart body is accepted. Every limit is per request. */
export interface FormLimits {
  /** largest file, in bytes (default 10 MiB); larger → 413 */
  fileSize?: number;
  /** most files (default 1000); more → 400 */
  files?: number;
  /** most non-file fields (default 1000); more → 400 */
  fields?: number;
  /** largest non-file field value, in bytes (default 1 MiB); larger → 413 */
  fieldSize?: number;
  /** most parts, files and fields together (default 2000: `files` + `fields`); more → 400 */
  parts?: number;
  /** longest field name, in bytes (default 1000); longer → 400 */
  fieldNameSize?: number;
  /** longest file name of an upload, in bytes (default 255, what file systems allow); longer → 400 */
  filenameSize?: number;
  /**
   * largest whole multipart body, in bytes (default 64 MiB); larger → 413, decided from
   * Content-Length before reading when the client declares it. A urlencoded form has the
   * route's `bodyLimit` instead, as a JSON body does.
   */
  multipartSize?: number;
  /** a file larger than this many bytes is written to a temp file (default 1 MiB) */
  spoolThreshold?: number;
}

export type ResolvedFormLimits = Required<FormLimits>;

export const DEFAULT_FORM_LIMITS: ResolvedFormLimits = {
  fileSize: 10 * 1024 * 1024,
  files: 1000,
  fields: 1000,
  fieldSize: 1024 * 1024,
  // Starlette bounds files and fields apart; the total only backs them up
  parts: 2000,
  fieldNameSize: 1000,
  filenameSize: 255,
  multipartSize: 64 * 1024 * 1024,
  spoolThreshold: 1024 * 1024,
};

/** The app's limits overlaid with a route's. */
export function resolveFormLimits(...layers: (FormLimits | undefined)[]): ResolvedFormLimits {
  const out = { ...DEFAULT_FORM_LIMITS };
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const key of Object.keys(layer) as (keyof FormLimits)[]) {
      const value = layer[key];
      if (value !== undefined) out[key] = value;
    }
  }
  return out;
}

/** One uploaded file as received: in memory (`chunks`) or spooled to `path`. */
export class ReceivedFile {
  constructor(
    readonly filename: string | null,
    readonly contentType: string,
    readonly size: number,
    readonly chunks: readonly Uint8Array[] | null,
    readonly path: string | null,
  ) {}
}

/** Form values by field name, in arrival order: strings for fields, files for file parts. */
export type FormValues = Record<string, (string | ReceivedFile)[]>;

/** "multipart/form-data; boundary=x" -> "multipart"; "application/x-www-form-urlencoded" -> "urlencoded" */
function formKindOf(contentType: string | undefined): "multipart" | "urlencoded" | null {
  if (contentType === undefined) return null;
  const semicolon = contentType.indexOf(";");
  const media = (semicolon === -1 ? contentType : contentType.slice(0, semicolon))
    .trim()
    .toLowerCase();
  if (media === "multipart/form-data") return "multipart";
  if (media === "application/x-www-form-urlencoded") return "urlencoded";
  return null;
}

const PARSE_ERROR = "There was an error parsing the body";
const NAME_REQUIRED = 'The Content-Disposition header field "name" must be provided.';

function mib(bytes: number): string {
  return `${Math.floor(bytes / 1024)}KB`;
}

/** the 413 for a body past its limit; the unread rest is not worth reading: close after */
function tooLarge(ctx: RequestContext): HTTPException {
  ctx.closeConnection = true;
  return new HTTPException(413);
}

/**
 * Reads a form body as it streams in: `application/x-www-form-urlencoded` (at most
 * `bodyLimit` bytes) and `multipart/form-data` (at most `limits.multipartSize`); a declared
 * Content-Length past the limit is answered 413 before anything is read (no `100 Continue`).
 * Any other content type reads nothing and gives no values (so every field is `missing`, as
 * in FastAPI). Framing errors are 400 with FastAPI's messages; a body that ends mid-part keeps
 * only the parts that were complete. Files past `spoolThreshold` go to a temp file, deleted
 * after the response is sent.
 */
export function readFormBody(
  ctx: RequestContext,
  limits: ResolvedFormLimits,
  bodyLimit = 1024 * 1024,
): Promise<FormValues> {
  const contentType = ctx.header("content-type");
  const values: FormValues = Object.create(null);
  const kind = formKindOf(contentType);
  if (kind === null) return Promise.resolve(values);
  const sizeLimit = kind === "urlencoded" ? bodyLimit : limits.multipartSize;
  const declared = ctx.header("content-length");
  if (declared !== undefined && Number(declared) > sizeLimit) return Promise.reject(tooLarge(ctx));
  const add = (name: string, value: string | ReceivedFile) => {
    const list = values[name];
    if (list === undefined) values[name] = [value];
    else list.push(value);
  };
  // Starlette's reading of an urlencoded form, not busboy's (which refuses a bad %-escape)
  if (kind === "urlencoded") {
    return readUrlencodedBody(ctx, limits, bodyLimit, add).then(() => values);
  }
  let parser: busboy.Busboy;
  try {
    parser = createBusboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: {
        fileSize: limits.fileSize,
        files: limits.files,
        fields: limits.fields,
        fieldSize: limits.fieldSize,
        // busboy reports reaching its limit, after that many parts; past it is one more
        parts: limits.parts + 1,
        fieldNameSize: limits.fieldNameSize,
      },
    });
  } catch {
    // the only content types busboy rejects here are multipart ones without a boundary
    return Promise.reject(new HTTPException(400, "Missing boundary in multipart."));
  }
  const source = ctx.adapter.bodyStream(ctx);
  return new Promise<FormValues>((resolve, reject) => {
    let settled = false;
    let parsed = false;
    let sourceEnded = false;
    let pending = 0;

    const finishIfDone = () => {
      if (settled || !parsed || pending > 0) return;
      settled = true;
      source.unpipe(parser);
      resolve(values);
    };
    const stop = (error: HTTPException) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      parser.removeAllListeners("field");
      parser.removeAllListeners("file");
      // stop parsing and throw the rest away; the server closes the connection after
      // answering if the rest is still arriving (a body that is all here keeps it open)
      if (!sourceEnded) source.resume();
      reject(error);
    };
    const fail = (status: number, detail: string) => stop(new HTTPException(status, detail));
    // multipart names come from a part's Content-Disposition header, which only its header
    // size bounds
    const nameTooLong = (name: string | undefined) =>
      name !== undefined && Buffer.byteLength(name) > limits.fieldNameSize;
    const failName = () =>
      fail(400, `Field name exceeded maximum size of ${limits.fieldNameSize} bytes.`);

    parser.on("field", (name, value, info) => {
      if (name === undefined) fail(400, NAME_REQUIRED);
      else if (nameTooLong(name)) failName();
      else if (info.valueTruncated) {
        fail(413, `Part exceeded maximum size of ${mib(limits.fieldSize)}.`);
      } else if (name !== undefined && name !== "") add(name, value);
    });
    parser.on("file", (name, stream, info) => {
      const ignore = () => {
        // a body that ends inside an ignored part destroys its stream with an error
        stream.on("error", () => {});
        stream.resume();
      };
      if (name === undefined) {
        ignore();
        fail(400, NAME_REQUIRED);
        return;
      }
      if (name === "") return ignore();
      if (nameTooLong(name)) {
        ignore();
        failName();
        return;
      }
      if (info.filename !== undefined && Buffer.byteLength(info.filename) > limits.filenameSize) {
        ignore();
        fail(400, `Filename exceeded maximum size of ${limits.filenameSize} bytes.`);
        return;
      }
      pending++;
      if (info.filename === undefined) {
        // busboy makes a file of any application/octet-stream part; Starlette reads a part
        // without a filename as a field
        collectField(stream, limits.fieldSize).then((value) => {
          pending--;
          if (value === TOO_LARGE)
            fail(413, `Part exceeded maximum size of ${mib(limits.fieldSize)}.`);
          else if (value !== null && !settled) add(name, value);
          finishIfDone();
        });
        return;
      }
      stream.once("limit", () =>
        fail(413, `File too large. Maximum size is ${limits.fileSize} bytes.`),
      );
      collectFile(ctx, stream, info, limits.spoolThreshold).then(
        (file) => {
          pending--;
          if (file !== null && !settled) add(name, file);
          finishIfDone();
        },
        () => {
          pending--;
          fail(400, PARSE_ERROR);
        },
      );
    });
    parser.on("partsLimit", () =>
      fail(400, `Too many parts. Maximum number of parts is ${limits.parts}.`),
    );
    parser.on("filesLimit", () =>
      fail(400, `Too many files. Maximum number of files is ${limits.files}.`),
    );
    parser.on("fieldsLimit", () =>
      fail(400, `Too many fields. Maximum number of fields is ${limits.fields}.`),
    );
    parser.on("error", (error: Error) => {
      // a body that stops mid-part: the complete parts count, the cut one is missing
      if (error.message === "Unexpected end of form") {
        parsed = true;
        finishIfDone();
      } else fail(400, PARSE_ERROR);
    });
    parser.on("close", () => {
      parsed = true;
      finishIfDone();
    });
    let received = 0;
    // what busboy would skip unseen and Starlette refuses
    let scanner: MultipartScanner | null = new MultipartScanner(contentType!);
    source.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > sizeLimit && !settled) stop(tooLarge(ctx));
      const problem = scanner?.feed(chunk);
      if (problem === undefined) return;
      scanner = null;
      fail(400, problem === "preamble" ? PARSE_ERROR : NAME_REQUIRED);
    });
    source.on("end", () => {
      sourceEnded = true;
    });
    source.on("error", () => fail(400, PARSE_ERROR));
    source.on("close", () => {
      if (!sourceEnded) fail(400, PARSE_ERROR);
    });
    source.pipe(parser);
  });
}

const TOO_LARGE: unique symbol = Symbol("too-large");

/** Reads a part as a UTF-8 field value; null when the body ends inside it. */
async function collectField(
  stream: Readable,
  maxBytes: number,
): Promise<string | null | typeof TOO_LARGE> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        stream.on("error", () => {});
        stream.resume();
        return TOO_LARGE;
      }
      chunks.push(chunk);
    }
  } catch {
    return null;
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Buffers a file part, moving it to a temp file once it passes `threshold` bytes. */
async function collectFile(
  ctx: RequestContext,
  stream: Readable & { truncated?: boolean },
  info: busboy.FileInfo,
  threshold: number,
): Promise<ReceivedFile | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let handle: FileHandle | null = null;
  let path: string | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (handle !== null) {
        await handle.write(chunk);
        continue;
      }
      chunks.push(chunk);
      if (size > threshold) {
        const spoolPath = join(tmpdir(), `tailor-upload-${randomUUID()}`);
        path = spoolPath;
        ctx.onAfterSend(() => rm(spoolPath, { force: true }));
        handle = await open(spoolPath, "w");
        for (const buffered of chunks) await handle.write(buffered);
        chunks.length = 0;
      }
    }
  } catch {
    // the body ended inside this part ("Unexpected end of file"): the file is missing
    return null;
  } finally {
    await handle?.close();
  }
  if (stream.truncated) return null;
  return new ReceivedFile(
    info.filename ?? null,
    info.mimeType,
    size,
    path === null ? chunks : null,
    path,
  );
}

import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "./context.js";

/** The limits an urlencoded form is read within (a subset of `FormLimits`). */
export interface UrlencodedLimits {
  /** most fields; more → 400 */
  fields: number;
  /** longest field name, in bytes; longer → 400 */
  fieldNameSize: number;
  /** largest field value, in bytes; larger → 413 */
  fieldSize: number;
}

const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const PERCENT = 0x25;
const PLUS = 0x2b;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/** what `unquotePlus` answers for a field past its size limit */
const TOO_LARGE: unique symbol = Symbol("too-large");

/**
 * `unquote_plus` on bytes: "+" is a space, a valid %XX escape is its byte, anything else (a
 * malformed escape too) stays as written; the bytes are then read as UTF-8, what is not UTF-8
 * becoming U+FFFD. Past `limit` decoded bytes: TOO_LARGE.
 */
function unquotePlus(
  bytes: Buffer,
  start: number,
  end: number,
  limit: number,
): string | typeof TOO_LARGE {
  let plain = true;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === PERCENT || byte === PLUS) {
      plain = false;
      break;
    }
    if (byte > 0x7f) ascii = false;
  }
  if (plain) {
    if (end - start > limit) return TOO_LARGE;
    // ASCII (nearly every form): latin1 is the cheapest decoder and gives the same text
    return bytes.toString(ascii ? "latin1" : "utf8", start, end);
  }
  const out = Buffer.allocUnsafe(end - start);
  let length = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === PLUS) out[length++] = 0x20;
    else if (byte === PERCENT && i + 2 < end) {
      const high = hexValue(bytes[i + 1]!);
      const low = hexValue(bytes[i + 2]!);
      if (high === -1 || low === -1) out[length++] = byte;
      else {
        out[length++] = (high << 4) | low;
        i += 2;
      }
    } else out[length++] = byte;
  }
  if (length > limit) return TOO_LARGE;
  return out.toString("utf8", 0, length);
}

/**
 * Reads an `application/x-www-form-urlencoded` body as Starlette does (python-multipart's
 * query-string parser, then `unquote_plus`): a field ends at `&`, or at `;` once no `&` is
 * left; a field without `=` has an empty value; a malformed %-escape stays as written, bytes
 * that are not UTF-8 become U+FFFD. Calls `add` for each field with a name, in order; past a
 * limit throws the 400 (fields, name size) or 413 (value size) to answer with.
 *
 * @example parseUrlencoded(bytes, { fields: 1000, fieldNameSize: 1000, fieldSize: 1 << 20 }, add)
 */
export function parseUrlencoded(
  bytes: Buffer,
  limits: UrlencodedLimits,
  add: (name: string, value: string) => void,
): void {
  const length = bytes.length;
  let separator = AMPERSAND;
  let nextEquals = -1;
  let count = 0;
  let start = 0;
  while (start < length) {
    let end = bytes.indexOf(separator, start);
    if (end === -1 && separator === AMPERSAND) {
      // no "&" in the rest: python-multipart then splits on ";"
      separator = SEMICOLON;
      end = bytes.indexOf(separator, start);
    }
    if (end === -1) end = length;
    if (end > start) {
      if (++count > limits.fields) {
        throw new HTTPException(
          400,
          `Too many fields. Maximum number of fields is ${limits.fields}.`,
        );
      }
      // the next "=" is looked up again only once passed: a body of "a&a&a…" stays linear
      if (nextEquals !== length && nextEquals < start) {
        nextEquals = bytes.indexOf(EQUALS, start);
        if (nextEquals === -1) nextEquals = length;
      }
      const nameEnd = Math.min(nextEquals, end);
      const name = unquotePlus(bytes, start, nameEnd, limits.fieldNameSize);
      if (name === TOO_LARGE) {
        throw new HTTPException(
          400,
          `Field name exceeded maximum size of ${limits.fieldNameSize} bytes.`,
        );
      }
      const value = nameEnd === end ? "" : unquotePlus(bytes, nameEnd + 1, end, limits.fieldSize);
      if (value === TOO_LARGE) {
        const kb = Math.floor(limits.fieldSize / 1024);
        throw new HTTPException(413, `Part exceeded maximum size of ${kb}KB.`);
      }
      if (name !== "") add(name, value);
    }
    start = end + 1;
  }
}

/**
 * Reads an urlencoded body of at most `bodyLimit` bytes (past it: 413, and the connection
 * closes after the answer) and parses it with `parseUrlencoded`.
 */
export function readUrlencodedBody(
  ctx: RequestContext,
  limits: UrlencodedLimits,
  bodyLimit: number,
  add: (name: string, value: string) => void,
): Promise<void> {
  const source = ctx.adapter.bodyStream(ctx);
  return new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (error === undefined) resolve();
      else reject(error);
    };
    source.on("data", (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      if (received <= bodyLimit) chunks.push(chunk);
      else {
        // the unread rest is not worth reading: the connection closes after the 413
        ctx.closeConnection = true;
        settle(new HTTPException(413));
      }
    });
    source.on("end", () => {
      if (settled) return;
      try {
        parseUrlencoded(Buffer.concat(chunks), limits, add);
        settle();
      } catch (error) {
        settle(error);
      }
    });
    // an aborted body
    const failed = () => settle(new HTTPException(400, "There was an error parsing the body"));
    source.on("error", failed);
    source.on("close", failed);
  });
}

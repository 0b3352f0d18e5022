import { HTTPException } from "../errors/http-exception.js";
import { percentDecode } from "../internal/percent-decode.js";
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

const utf8 = new TextDecoder("utf-8");

/** `unquote_plus`: "+" is a space, then %-escapes decode as Python's `unquote` (see percentDecode) */
function unquotePlus(text: string): string {
  return percentDecode(text.includes("+") ? text.replaceAll("+", " ") : text);
}

function byteLengthOver(text: string, limit: number): boolean {
  // a UTF-16 unit is at most 3 UTF-8 bytes: most texts are decided without counting
  if (text.length * 3 <= limit) return false;
  return Buffer.byteLength(text) > limit;
}

/**
 * Reads an `application/x-www-form-urlencoded` body as Starlette does (python-multipart's
 * query-string parser, then `unquote_plus`): a field ends at `&`, or at `;` once no `&` is
 * left; a field without `=` has an empty value; a malformed %-escape stays as written, bytes
 * that are not UTF-8 become U+FFFD. Calls `add` for each field with a name, in order.
 *
 * @example parseUrlencoded(bytes, { fields: 1000, fieldNameSize: 1000, fieldSize: 1 << 20 }, add)
 */
export function parseUrlencoded(
  bytes: Uint8Array,
  limits: UrlencodedLimits,
  add: (name: string, value: string) => void,
): void {
  const text = utf8.decode(bytes);
  const length = text.length;
  let separator = "&";
  let nextEquals = -1;
  let count = 0;
  let start = 0;
  while (start < length) {
    let end = text.indexOf(separator, start);
    if (end === -1 && separator === "&") {
      // no "&" in the rest: python-multipart then splits on ";"
      separator = ";";
      end = text.indexOf(separator, start);
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
        nextEquals = text.indexOf("=", start);
        if (nextEquals === -1) nextEquals = length;
      }
      const nameEnd = Math.min(nextEquals, end);
      const name = unquotePlus(text.slice(start, nameEnd));
      const value = nameEnd === end ? "" : unquotePlus(text.slice(nameEnd + 1, end));
      if (byteLengthOver(name, limits.fieldNameSize)) {
        throw new HTTPException(
          400,
          `Field name exceeded maximum size of ${limits.fieldNameSize} bytes.`,
        );
      }
      if (byteLengthOver(value, limits.fieldSize)) {
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

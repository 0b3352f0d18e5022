import { z } from "zod";
import type { JsonSchema } from "./json-schema.js";
import type { Compiled } from "./run.js";
import type { ZodLike } from "./zod-def.js";

/**
 * Bytes a `base64Bytes()` field produced: a `Uint8Array` that JSON responses write as base64
 * text (pydantic's `Base64Bytes` serializer) instead of the UTF-8 text plain bytes become.
 */
class Base64Bytes extends Uint8Array {
  toJSON(): string {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString("base64");
  }
}

function asBase64Bytes(bytes: Uint8Array): Base64Bytes {
  return bytes instanceof Base64Bytes
    ? bytes
    : new Base64Bytes(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

const NOT_ALPHABET = /[^A-Za-z0-9+/=]/g;

/**
 * Decodes base64 as Python's `base64.b64decode` does (characters outside the alphabet are
 * skipped, the first padding that completes a quad ends the data); the error is binascii's text.
 * @example decodeBase64("aGk=") // { bytes: Uint8Array [104, 105] }
 */
function decodeBase64(text: string): { bytes: Uint8Array } | { error: string } {
  // Node's decoder skips what is not base64, so well-formed text (the usual case) is the text
  // whose decoded length is what its length promises: no regex over the whole text (a 4 KiB
  // field: ~20 µs with a /^[A-Za-z0-9+/]*={0,2}$/ test, ~5 µs this way; bench/BASE64.md)
  if (text.length % 4 === 0 && !text.includes("-") && !text.includes("_")) {
    const bytes = Buffer.from(text, "base64");
    const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
    if (bytes.byteLength === (text.length / 4) * 3 - padding) return { bytes };
  }
  // binascii's non-strict scan: pads that cannot end a quad are skipped, the first pad that
  // completes one ends the data ("aGk=aGk=" -> "hi")
  const clean = text.replace(NOT_ALPHABET, "");
  let end = clean.length;
  let quad = 0;
  let pads = 0;
  for (let i = 0; i < clean.length; i++) {
    if (clean.charCodeAt(i) !== 61 /* = */) {
      quad = (quad + 1) % 4;
      pads = 0;
    } else if (quad >= 2 && quad + ++pads >= 4) {
      end = i;
      break;
    }
  }
  const data = clean.slice(0, end).replaceAll("=", "");
  if (end === clean.length && quad === 1)
    return {
      error: `Invalid base64-encoded string: number of data characters (${data.length}) cannot be 1 more than a multiple of 4`,
    };
  if (end === clean.length && quad !== 0) return { error: "Incorrect padding" };
  return { bytes: Buffer.from(data, "base64") };
}

/** the transform every base64Bytes() schema ends with: how the compiler recognizes one */
function toBase64Bytes(value: string | Uint8Array, ctx: z.RefinementCtx): Uint8Array {
  if (typeof value !== "string") return asBase64Bytes(value);
  const decoded = decodeBase64(value);
  if ("bytes" in decoded) return asBase64Bytes(decoded.bytes);
  ctx.addIssue({
    code: "custom",
    message: `Base64 decoding error: '${decoded.error}'`,
    input: value,
  });
  return z.NEVER;
}

/**
 * pydantic's `Base64Bytes`: a request's base64 string is decoded to a `Uint8Array`; a response's
 * bytes (a `Uint8Array` or `Buffer`) are written as base64. Documented as
 * `{"type": "string", "format": "base64"}` on both sides.
 * @example
 * const Upload = z.object({ name: z.string(), data: base64Bytes() });
 * app.post("/blobs", { params: { blob: Upload } }, ({ blob }) => ({ size: blob.data.byteLength }));
 */
export function base64Bytes(): z.ZodType<Uint8Array, string | Uint8Array> {
  return z.union([z.string(), z.instanceof(Uint8Array)]).transform(toBase64Bytes);
}

/** whether a schema is (a copy of) a `base64Bytes()` schema; `.describe()` copies keep the pipe */
export function isBase64Bytes(schema: ZodLike): boolean {
  const def = schema._zod.def;
  if (def.type !== "pipe") return false;
  const out = (def.out as ZodLike)._zod.def;
  return out.type === "transform" && out.transform === toBase64Bytes;
}

/** The compiled node: pydantic's errors (`bytes_type`, `base64_decode`), no Zod call. */
export const base64Node: Compiled = {
  fn: (value, run) => {
    if (value instanceof Uint8Array) return asBase64Bytes(value);
    if (typeof value !== "string")
      return run.fail("bytes_type", "Input should be a valid bytes", value);
    const decoded = decodeBase64(value);
    if ("bytes" in decoded) return asBase64Bytes(decoded.bytes);
    return run.fail("base64_decode", `Base64 decoding error: '${decoded.error}'`, value, {
      error: decoded.error,
    });
  },
  acceptsUndefined: false,
};

/** `{"type": "string", "format": "base64"}`, keeping the field's description, title, examples */
export function describeBase64(jsonSchema: JsonSchema): void {
  delete jsonSchema.anyOf;
  delete jsonSchema.oneOf;
  jsonSchema.type = "string";
  jsonSchema.format = "base64";
}

import { HTTPException } from "../errors/http-exception.js";
import { RequestValidationError } from "../errors/validation.js";
import type { RequestContext } from "./context.js";
import { utf16Text } from "./json-encoding.js";
import { locateJsonError } from "./json-error.js";
import {
  DEFAULT_JSON_LIMITS,
  hasPrototypeKey,
  mayHavePrototypeKey,
  prototypeKeyError,
  type ResolvedJsonLimits,
  valueNestsDeeperThan,
} from "./json-guard.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/**
 * "application/json", "application/vnd.api+json; charset=utf-8" -> true; "text/plain",
 * "text/json" -> false: FastAPI reads JSON only under the `application` main type.
 */
export function isJsonContentType(contentType: string): boolean {
  if (contentType === "application/json") return true; // what nearly every client sends
  const semicolon = contentType.indexOf(";");
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon))
    .trim()
    .toLowerCase();
  if (!mediaType.startsWith("application/")) return false;
  const subtype = mediaType.slice(12);
  return subtype === "json" || subtype.endsWith("+json");
}

/**
 * Turns body bytes into the value a JSON body param validates:
 * - empty body -> undefined (the body is missing);
 * - a JSON content type (or none, when `strictContentType` is off) -> the parsed value,
 *   malformed JSON -> 422 `json_invalid`, bytes that are neither UTF-8 nor UTF-16 -> 400,
 *   nesting past `limits.maxDepth` or a prototype key (`__proto__`, `constructor.prototype`)
 *   -> 400;
 * - any other content type -> the raw text, which an object schema rejects (FastAPI 0.132+).
 */
export function decodeJsonBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  strictContentType: boolean,
  limits: ResolvedJsonLimits = DEFAULT_JSON_LIMITS,
): unknown {
  if (bytes.length === 0) return undefined;
  const isJson =
    contentType === undefined || contentType === ""
      ? !strictContentType
      : isJsonContentType(contentType);
  if (!isJson) return lenient.decode(bytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // not UTF-8: Python's json also reads UTF-16 (with a byte-order mark)
    const decoded = utf16Text(bytes);
    if (decoded === null) throw bodyParseError();
    text = decoded;
  }
  try {
    return checkedJson(text, limits);
  } catch (error) {
    if (error instanceof HTTPException) throw error;
    // UTF-16 of ASCII text without a byte-order mark is valid UTF-8 too, with NULs between
    const decoded = utf16Text(bytes);
    if (decoded !== null && decoded !== text) {
      text = decoded;
      try {
        return checkedJson(text, limits);
      } catch (error) {
        if (error instanceof HTTPException) throw error;
      }
    }
    const { message, position } = locateJsonError(text);
    throw new RequestValidationError(
      [
        {
          type: "json_invalid",
          loc: ["body", position],
          msg: "JSON decode error",
          input: {},
          ctx: { error: message },
        },
      ],
      text,
    );
  }
}

/** JSON.parse, refusing (400) a text nested past the limit or a value with a prototype key. */
function checkedJson(text: string, limits: ResolvedJsonLimits): unknown {
  // parsed first: malformed JSON stays a 422 json_invalid at any depth (V8 parses
  // iteratively, and the body limit bounds what it builds)
  const value: unknown = JSON.parse(text);
  // each level takes two characters ("[" and "]"): a shorter text cannot nest past the limit
  if (text.length > 2 * limits.maxDepth && valueNestsDeeperThan(value, limits.maxDepth))
    throw bodyParseError();
  if (!limits.allowPrototypeKeys && mayHavePrototypeKey(text) && hasPrototypeKey(value))
    throw prototypeKeyError();
  return value;
}

/** How deep Python's `json` module nests before it gives up (its recursion limit). */
const MAX_JSON_DEPTH = 1000;

/** true when the JSON text opens more than `limit` arrays or objects at once (strings skipped) */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c /* backslash */) i++;
      else if (byte === 0x22 /* " */) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b /* [ */ || byte === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (byte === 0x5d /* ] */ || byte === 0x7d /* } */) depth--;
  }
  return false;
}

/**
 * Whether a stack overflow (RangeError) while serving a request was caused by its JSON body:
 * V8 parses any depth, but validating, echoing or quoting (in a 422) a value nested thousands
 * deep overflows the stack. FastAPI's parser refuses such a body first, with a 400. Runs only
 * on the error path.
 */
export async function bodyNestsTooDeep(ctx: RequestContext): Promise<boolean> {
  const read = ctx.bodyIfRead;
  if (read === undefined) return false;
  try {
    return nestsDeeperThan(await read, MAX_JSON_DEPTH);
  } catch {
    return false;
  }
}

/** FastAPI's answer to a body it cannot decode (bad UTF-8, too deeply nested). */
export function bodyParseError(): HTTPException {
  return new HTTPException(400, "There was an error parsing the body");
}

import { HTTPException } from "../errors/http-exception.js";
import { RequestValidationError } from "../errors/validation.js";
import { locateJsonError } from "./json-error.js";

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
 *   malformed JSON -> 422 `json_invalid`, bytes that are not UTF-8 -> 400;
 * - any other content type -> the raw text, which an object schema rejects (FastAPI 0.132+).
 */
export function decodeJsonBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  strictContentType: boolean,
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
    throw new HTTPException(400, "There was an error parsing the body");
  }
  try {
    return JSON.parse(text);
  } catch {
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

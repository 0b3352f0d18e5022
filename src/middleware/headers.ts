import type { ResponseHeaders } from "../http/outgoing.js";

/** Adds a name to `vary`, after what the response already varies on: "Cookie" -> "Cookie, Origin". */
export function addVary(headers: ResponseHeaders, name: string): void {
  const existing = headers.vary;
  headers.vary =
    existing === undefined || existing === ""
      ? name
      : `${Array.isArray(existing) ? existing.join(", ") : existing}, ${name}`;
}

/** A response's content type ("" when it has none). */
export function contentTypeOf(headers: ResponseHeaders): string {
  const value = headers["content-type"];
  return value === undefined ? "" : Array.isArray(value) ? (value[0] ?? "") : value;
}

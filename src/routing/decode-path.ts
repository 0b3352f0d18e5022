import { percentDecode } from "../internal/percent-decode.js";

/**
 * Percent-decodes a request path once, before routing, like Starlette does.
 * Invalid %-sequences stay as they are; bytes that are not valid UTF-8 become U+FFFD.
 * `rawPath` is the path part of the request target, the query string already split off.
 * Returns null for a path that cannot be routed (one not starting with "/", such as "*").
 *
 * @example
 * decodePath("/users/a%2Fb"); // "/users/a/b" (so it no longer matches /users/{id})
 * decodePath("/a%zz"); // "/a%zz"
 */
export function decodePath(rawPath: string): string | null {
  if (rawPath.charCodeAt(0) !== 47 /* "/" */) return null;
  return percentDecode(rawPath);
}

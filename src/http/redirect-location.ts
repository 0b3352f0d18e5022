import type { RequestContext } from "./context.js";

/**
 * The `Location` of a trailing-slash redirect: path-absolute ("/root/items/?q=1") unless the
 * request's Host is one the app names in `trustedHosts`, then absolute as FastAPI writes it
 * ("http://api.example.com/root/items/?q=1"). FastAPI builds it from any Host header, which
 * turns a forged Host into an open redirect and a poisoned cache entry.
 *
 * @example slashRedirectLocation(ctx, "/items/", []) // "/items/?q=1"
 */
export function slashRedirectLocation(
  ctx: RequestContext,
  rawPath: string,
  trustedHosts: readonly string[] | undefined,
): string {
  const query = ctx.rawQuery === "" ? "" : `?${ctx.rawQuery}`;
  const path = `${ctx.rootPath}${rawPath}${query}`;
  const host = ctx.header("host");
  if (
    host === undefined ||
    trustedHosts === undefined ||
    !trustedHosts.includes(host.toLowerCase())
  )
    // "//evil.example" would read as a host: a path never starts with two slashes here
    return path.startsWith("//") ? `/${path.replace(/^\/+/, "")}` : path;
  return `${ctx.scheme}://${host}${path}`;
}

import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import { RedirectResponse } from "../responses/response.js";
import type { CallNext, MiddlewareObject } from "./types.js";

const SECURE: Record<string, string> = { http: "https", ws: "wss" };

/** "example.com:80" -> "example.com"; "example.com:8080" stays; "[::1]:443" -> "[::1]" */
function withoutDefaultPort(host: string): string {
  const colon = host.lastIndexOf(":");
  if (colon === -1 || host.endsWith("]")) return host;
  const port = host.slice(colon + 1);
  return port === "80" || port === "443" ? host.slice(0, colon) : host;
}

/**
 * Redirects every plain `http` (and `ws`) request to `https` (`wss`) with a 307, keeping the
 * path and query; the default ports 80 and 443 are dropped from the host.
 *
 * @example app.addMiddleware(new HTTPSRedirectMiddleware());
 */
export class HTTPSRedirectMiddleware implements MiddlewareObject {
  async dispatch(ctx: RequestContext, callNext: CallNext): Promise<OutgoingResponse> {
    const secure = SECURE[ctx.scheme];
    if (secure === undefined) return callNext();
    const host = withoutDefaultPort(ctx.header("host") ?? "localhost");
    const query = ctx.rawQuery === "" ? "" : `?${ctx.rawQuery}`;
    return new RedirectResponse(`${secure}://${host}${ctx.rootPath}${ctx.rawPath}${query}`);
  }
}

import { ConfigError } from "../errors/config-error.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import { PlainTextResponse, RedirectResponse } from "../responses/response.js";
import type { CallNext, MiddlewareObject } from "./types.js";

export interface TrustedHostOptions {
  /** host names served; `"*.example.com"` matches any subdomain; default `["*"]` (any) */
  allowedHosts?: readonly string[];
  /** default true: a request for `example.com` when only `www.example.com` is allowed gets a 307 there */
  wwwRedirect?: boolean;
}

/**
 * Answers 400 `Invalid host header` (text/plain) to requests whose `Host` is not listed, which
 * guards against Host-header attacks.
 *
 * @example app.addMiddleware(new TrustedHostMiddleware({ allowedHosts: ["example.com", "*.example.com"] }));
 */
export class TrustedHostMiddleware implements MiddlewareObject {
  readonly #exact: ReadonlySet<string>;
  /** ".example.com" for "*.example.com" */
  readonly #suffixes: readonly string[];
  readonly #allowAny: boolean;
  readonly #wwwRedirect: boolean;

  constructor(options: TrustedHostOptions = {}) {
    const hosts = options.allowedHosts ?? ["*"];
    for (const pattern of hosts) {
      if (
        pattern.slice(1).includes("*") ||
        (pattern.startsWith("*") && pattern !== "*" && !pattern.startsWith("*."))
      ) {
        throw new ConfigError(
          "E_MIDDLEWARE_CONFIG",
          "TrustedHostMiddleware",
          `"${pattern}" is not a host pattern. Domain wildcards must look like "*.example.com".`,
        );
      }
    }
    this.#allowAny = hosts.includes("*");
    this.#exact = new Set(hosts.filter((host) => !host.startsWith("*")));
    this.#suffixes = hosts.filter((host) => host.startsWith("*.")).map((host) => host.slice(1));
    this.#wwwRedirect = options.wwwRedirect ?? true;
  }

  async dispatch(ctx: RequestContext, callNext: CallNext): Promise<OutgoingResponse> {
    if (this.#allowAny) return callNext();
    const hostHeader = ctx.header("host") ?? "";
    const host = hostHeader.split(":")[0]!;
    if (this.#exact.has(host) || this.#suffixes.some((suffix) => host.endsWith(suffix))) {
      return callNext();
    }
    if (this.#wwwRedirect && this.#exact.has(`www.${host}`)) {
      const query = ctx.rawQuery === "" ? "" : `?${ctx.rawQuery}`;
      return new RedirectResponse(
        `${ctx.scheme}://www.${hostHeader}${ctx.rootPath}${ctx.rawPath}${query}`,
      );
    }
    return new PlainTextResponse("Invalid host header", { status: 400 });
  }
}

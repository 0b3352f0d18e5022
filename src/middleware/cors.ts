import { ConfigError } from "../errors/config-error.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse, ResponseHeaders } from "../http/outgoing.js";
import { addVary } from "./headers.js";
import type { CallNext, MiddlewareObject } from "./types.js";

export interface CORSOptions {
  /** origins allowed to read responses, e.g. `["https://app.example.com"]`; `["*"]` allows any */
  allowOrigins?: readonly string[];
  /** a regular expression an origin must match in full, e.g. `"https://.*\\.example\\.com"` */
  allowOriginRegex?: string;
  /** default `["GET"]`; `["*"]` allows DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT */
  allowMethods?: readonly string[];
  /** request headers a preflight may ask for, beyond the CORS-safelisted ones; `["*"]` allows any */
  allowHeaders?: readonly string[];
  /** default false: lets browsers send cookies and Authorization, and read the response */
  allowCredentials?: boolean;
  /** response headers the browser lets scripts read */
  exposeHeaders?: readonly string[];
  /** default 600: seconds a browser may cache a preflight answer */
  maxAge?: number;
}

const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const SAFELISTED_HEADERS = ["Accept", "Accept-Language", "Content-Language", "Content-Type"];

/**
 * Cross-origin resource sharing, with Starlette's header values and order. A preflight
 * (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered here — the route is
 * never called; other requests with an `Origin` get the CORS headers added to their response.
 *
 * With `allowOrigins: ["*"]` and `allowCredentials: true` the request's origin is echoed (with
 * `vary: Origin`) instead of `*`: browsers refuse `*` on credentialed requests, and Tailor never
 * sends `*` next to `access-control-allow-credentials: true`.
 *
 * @example
 * app.addMiddleware(new CORSMiddleware({ allowOrigins: ["https://app.example.com"], allowMethods: ["*"] }));
 */
export class CORSMiddleware implements MiddlewareObject {
  readonly #allowOrigins: ReadonlySet<string>;
  readonly #allowAllOrigins: boolean;
  readonly #originRegex: RegExp | null;
  readonly #allowMethods: readonly string[];
  readonly #allowAllHeaders: boolean;
  /** lowercase names a preflight may request */
  readonly #allowHeaders: ReadonlySet<string>;
  readonly #credentials: boolean;
  /** the preflight answer echoes the origin (else it says `*`) */
  readonly #explicitPreflightOrigin: boolean;
  readonly #simpleHeaders: readonly [string, string][];
  readonly #preflightHeaders: readonly [string, string][];

  constructor(options: CORSOptions = {}) {
    const origins = options.allowOrigins ?? [];
    const methods = options.allowMethods ?? ["GET"];
    const headers = options.allowHeaders ?? [];
    this.#credentials = options.allowCredentials ?? false;
    this.#allowAllOrigins = origins.includes("*");
    this.#allowOrigins = new Set(origins);
    this.#allowMethods = methods.includes("*") ? ALL_METHODS : [...methods];
    this.#allowAllHeaders = headers.includes("*");
    this.#explicitPreflightOrigin = !this.#allowAllOrigins || this.#credentials;
    try {
      this.#originRegex =
        options.allowOriginRegex === undefined
          ? null
          : new RegExp(`^(?:${options.allowOriginRegex})$`);
    } catch (error) {
      throw new ConfigError(
        "E_MIDDLEWARE_CONFIG",
        "CORSMiddleware",
        `allowOriginRegex is not a valid regular expression (${(error as Error).message}).`,
      );
    }

    const simple: [string, string][] = [];
    // `*` only when no credentials: with credentials the origin is echoed per request
    if (this.#allowAllOrigins && !this.#credentials)
      simple.push(["access-control-allow-origin", "*"]);
    if (this.#credentials) simple.push(["access-control-allow-credentials", "true"]);
    const expose = options.exposeHeaders ?? [];
    if (expose.length > 0) simple.push(["access-control-expose-headers", expose.join(", ")]);
    this.#simpleHeaders = simple;

    const allowed = [...new Set([...SAFELISTED_HEADERS, ...headers])].sort();
    this.#allowHeaders = new Set(allowed.map((name) => name.toLowerCase()));
    const preflight: [string, string][] = [];
    if (this.#explicitPreflightOrigin) preflight.push(["vary", "Origin"]);
    else preflight.push(["access-control-allow-origin", "*"]);
    preflight.push(["access-control-allow-methods", this.#allowMethods.join(", ")]);
    preflight.push(["access-control-max-age", String(options.maxAge ?? 600)]);
    if (!this.#allowAllHeaders)
      preflight.push(["access-control-allow-headers", allowed.join(", ")]);
    if (this.#credentials) preflight.push(["access-control-allow-credentials", "true"]);
    this.#preflightHeaders = preflight;
  }

  isAllowedOrigin(origin: string): boolean {
    if (this.#allowAllOrigins) return true;
    if (this.#originRegex?.test(origin)) return true;
    return this.#allowOrigins.has(origin);
  }

  async dispatch(ctx: RequestContext, callNext: CallNext): Promise<OutgoingResponse> {
    const origin = ctx.header("origin");
    if (origin === undefined) return callNext();
    if (ctx.method === "OPTIONS" && ctx.headers["access-control-request-method"] !== undefined) {
      return this.#preflight(ctx, origin);
    }
    const response = await callNext();
    const headers: ResponseHeaders = { ...response.headers };
    for (const [name, value] of this.#simpleHeaders) headers[name] = value;
    // a request with cookies (or any credentialed request when credentials are allowed for
    // every origin) needs its own origin back, never `*`
    const echo = this.#allowAllOrigins
      ? this.#credentials || ctx.headers.cookie !== undefined
      : this.isAllowedOrigin(origin);
    if (echo) {
      headers["access-control-allow-origin"] = origin;
      addVary(headers, "Origin");
    }
    return { status: response.status, headers, body: response.body };
  }

  #preflight(ctx: RequestContext, origin: string): OutgoingResponse {
    const method = ctx.header("access-control-request-method") ?? "";
    const requested = ctx.header("access-control-request-headers");
    const headers: ResponseHeaders = {};
    for (const [name, value] of this.#preflightHeaders) headers[name] = value;
    const failures: string[] = [];
    if (this.isAllowedOrigin(origin)) {
      if (this.#explicitPreflightOrigin) headers["access-control-allow-origin"] = origin;
    } else failures.push("origin");
    if (!this.#allowMethods.includes(method)) failures.push("method");
    if (requested !== undefined) {
      if (this.#allowAllHeaders) headers["access-control-allow-headers"] = requested;
      else if (
        requested.split(",").some((name) => !this.#allowHeaders.has(name.trim().toLowerCase()))
      ) {
        failures.push("headers");
      }
    }
    headers["content-type"] = "text/plain; charset=utf-8";
    if (failures.length > 0) {
      return { status: 400, headers, body: `Disallowed CORS ${failures.join(", ")}` };
    }
    return { status: 200, headers, body: "OK" };
  }
}

import { ConfigError } from "../errors/config-error.js";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "../http/context.js";
import { isHostHeader } from "../http/host-header.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import type { WebSocketTransport } from "../http/websocket-transport.js";
import type { MaybePromise } from "../internal/types.js";
import { denial } from "../websocket/compile.js";
import type { Mountable } from "./route-table.js";

interface HostEntry {
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly app: Mountable;
}

interface WebSocketServable {
  handleWebSocket(ctx: RequestContext, transport: WebSocketTransport): Promise<void>;
}

const hostParamsOf = new WeakMap<RequestContext, Readonly<Record<string, string>>>();
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});
const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** "{tenant}.example.com" -> /^([^:]+)\.example\.com$/ with names ["tenant"] */
function compileHost(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  let source = "";
  let last = 0;
  for (const match of pattern.matchAll(PARAM)) {
    source += escapeRegex(pattern.slice(last, match.index).toLowerCase());
    source += "([^:/]+)";
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  const rest = pattern.slice(last);
  if (rest.includes("{") || rest.includes("}") || pattern.includes(":") || pattern === "")
    throw new ConfigError(
      "E_PATH_TEMPLATE",
      `HostRouter.host(${JSON.stringify(pattern)})`,
      'a host pattern is a host name without port, with "{name}" for a variable label: "{tenant}.example.com".',
    );
  source += escapeRegex(rest.toLowerCase());
  return { regex: new RegExp(`^${source}$`), names };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The Host header without its port or a fully qualified name's trailing dot, lowercased
 * ("API.example.com.:8443" -> "api.example.com"); "" for a header that is no host name.
 */
function hostNameOf(ctx: RequestContext): string {
  const host = (ctx.header("host") ?? "").toLowerCase();
  if (!isHostHeader(host)) return "";
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.indexOf(":");
  const name = colon === -1 ? host : host.slice(0, colon);
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/**
 * Starlette's `Host` routes: the app a request goes to is chosen by its `Host` header (port
 * ignored), the first matching pattern in declaration order; no match goes to `default`, else 404.
 * Mount it at "/" (routes the parent declares before the mount still win).
 *
 * @example
 * const hosts = new HostRouter().host("api.example.com", api).host("{tenant}.example.com", tenants);
 * app.mount("/", hosts);
 */
export class HostRouter implements Mountable {
  readonly #entries: HostEntry[] = [];
  readonly #default: Mountable | undefined;

  constructor(options: { default?: Mountable } = {}) {
    this.#default = options.default;
  }

  /** Sends requests for hosts matching `pattern` ("api.example.com", "{tenant}.example.com") to `app`. */
  host(pattern: string, app: Mountable): this {
    this.#entries.push({ pattern, app, ...compileHost(pattern) });
    return this;
  }

  handle(ctx: RequestContext): MaybePromise<OutgoingResponse> {
    const app = this.#pick(ctx);
    if (app === undefined) throw new HTTPException(404);
    return app.handle(ctx);
  }

  /** a WebSocket handshake goes to the same app; no app (or one without WebSockets): 403 */
  handleWebSocket(ctx: RequestContext, transport: WebSocketTransport): Promise<void> {
    const app = this.#pick(ctx) as Partial<WebSocketServable> | undefined;
    if (typeof app?.handleWebSocket === "function") return app.handleWebSocket(ctx, transport);
    transport.deny(denial(403));
    return Promise.resolve();
  }

  /** the app for the request's host, its labels recorded for hostParams */
  #pick(ctx: RequestContext): Mountable | undefined {
    const name = hostNameOf(ctx);
    for (const entry of this.#entries) {
      const match = entry.regex.exec(name);
      if (match === null) continue;
      if (entry.names.length > 0) {
        const params: Record<string, string> = {};
        entry.names.forEach((key, i) => {
          params[key] = match[i + 1]!;
        });
        hostParamsOf.set(ctx, params);
      }
      return entry.app;
    }
    return this.#default;
  }

  async startup(): Promise<void> {
    for (const app of this.#apps()) await app.startup?.();
  }

  async shutdown(): Promise<void> {
    for (const app of this.#apps().reverse()) await app.shutdown?.();
  }

  #apps(): Mountable[] {
    const apps = [...new Set(this.#entries.map((entry) => entry.app))];
    if (this.#default !== undefined && !apps.includes(this.#default)) apps.push(this.#default);
    return apps;
  }
}

/**
 * The variable labels of the host pattern that routed this request (Starlette puts them in
 * `request.path_params`); empty when the pattern had none or no HostRouter routed it.
 * @example app.get("/", {}, (_args, ctx) => ({ tenant: hostParams(ctx).tenant }));
 */
export function hostParams(ctx: RequestContext): Readonly<Record<string, string>> {
  return hostParamsOf.get(ctx) ?? NO_PARAMS;
}

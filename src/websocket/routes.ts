import type { RouteGraph } from "../dependencies/graph.js";
import type { RequestContext } from "../http/context.js";
import type { WebSocketTransport } from "../http/websocket-transport.js";
import { decodePath, parsePathTemplate, Router } from "../routing/index.js";
import {
  type CompiledWebSocketRoute,
  checkHandshakeParams,
  compileWebSocketRoute,
  type WebSocketCompileSettings,
} from "./compile.js";
import type { WebSocketLimits } from "./connection.js";
import type { WebSocketDeclaration, WebSocketDefaults } from "./declaration.js";

/** A registered WebSocket route and its compiled form. */
export interface WebSocketRecord {
  declaration: WebSocketDeclaration;
  /** "WEBSOCKET /ws/{room}": names the route in errors and logs */
  where: string;
  name: string;
  compiled: CompiledWebSocketRoute | undefined;
  /** the dependency-override version the route was compiled for */
  version: number;
}

/** What the table needs of its app: graphs (with the app's dependencies and overrides), settings. */
export interface WebSocketHost {
  analyze(
    declaration: WebSocketDeclaration,
    pathNames: ReadonlySet<string>,
    where: string,
  ): RouteGraph;
  /** changes when dependency overrides change, so routes are compiled again */
  overridesVersion(): number;
  settings(): Omit<WebSocketCompileSettings, "limits">;
  /** the app's `websocket` defaults */
  defaults(): WebSocketDefaults | undefined;
}

const ROUTE_METHOD = ["WEBSOCKET"];

/** the defaults of uvicorn: 16 MiB messages, a ping every 20 s */
export function resolveLimits(
  route: WebSocketDefaults,
  app: WebSocketDefaults | undefined,
): WebSocketLimits {
  return {
    maxMessageSize: route.maxMessageSize ?? app?.maxMessageSize ?? 16 * 1024 * 1024,
    pingInterval: route.pingInterval ?? app?.pingInterval ?? 20_000,
    receiveQueue: route.receiveQueue ?? app?.receiveQueue ?? 64,
  };
}

/**
 * An app's WebSocket routes: matched by path (first registered wins, as for HTTP routes),
 * analysed at registration, compiled on their first connection.
 */
export class WebSocketRoutes {
  readonly #router = new Router<WebSocketRecord>();
  readonly #records: WebSocketRecord[] = [];
  readonly #host: WebSocketHost;

  constructor(host: WebSocketHost) {
    this.#host = host;
  }

  get records(): readonly WebSocketRecord[] {
    return this.#records;
  }

  add(declaration: WebSocketDeclaration): void {
    const where = `WEBSOCKET ${declaration.path}`;
    // analysed now so a bad declaration fails at registration, like an HTTP route
    const pathNames = new Set(parsePathTemplate(declaration.path).paramNames);
    checkHandshakeParams(this.#host.analyze(declaration, pathNames, where), where);
    const record: WebSocketRecord = {
      declaration,
      where,
      name: declaration.options.name || declaration.handler.name || where,
      compiled: undefined,
      version: -1,
    };
    this.#records.push(record);
    this.#router.add(ROUTE_METHOD, declaration.path, record);
  }

  /** runs the matching route's connection; null when no WebSocket route matches the path */
  dispatch(ctx: RequestContext, transport: WebSocketTransport): Promise<void> | null {
    const path = decodePath(ctx.rawPath);
    if (path === null) return null;
    const found = this.#router.lookup(ROUTE_METHOD[0]!, path);
    if (found === null || !("match" in found)) return null;
    ctx.path = path;
    ctx.pathParams = found.match.params;
    return this.#compiled(found.match.value)(ctx, transport);
  }

  #compiled(record: WebSocketRecord): CompiledWebSocketRoute {
    const version = this.#host.overridesVersion();
    if (record.compiled !== undefined && record.version === version) return record.compiled;
    const { declaration, where } = record;
    const pathNames = new Set(parsePathTemplate(declaration.path).paramNames);
    const graph = this.#host.analyze(declaration, pathNames, where);
    record.compiled = compileWebSocketRoute(declaration, graph, where, {
      ...this.#host.settings(),
      limits: resolveLimits(declaration.options, this.#host.defaults()),
    });
    record.version = version;
    return record.compiled;
  }
}

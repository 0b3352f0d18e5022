import { inheritWebSocket, type WebSocketDeclaration } from "../websocket/declaration.js";
import type { EventHandler } from "./event-handlers.js";
import { type IncludeOptions, inherit, type RouteDeclaration, RouteRegistry } from "./registry.js";
import type { WithRouter } from "./route-map.js";

/** The prefix, tags, dependencies, responses and route defaults every route of the router gets. */
export interface APIRouterOptions extends IncludeOptions {
  /** FastAPI's `on_startup`: hooks the including app runs at startup (see `onEvent`) */
  onStartup?: readonly EventHandler[];
  /** FastAPI's `on_shutdown`: hooks the including app runs at shutdown */
  onShutdown?: readonly EventHandler[];
}

/**
 * A group of routes with a shared prefix, tags and dependencies, included into an app.
 *
 * @example
 * const router = new APIRouter({ prefix: "/models", tags: ["models"] });
 * router.get("/", {}, () => listModels());
 * app.includeRouter(router);
 */
export class APIRouter<TPrefix extends string = ""> extends RouteRegistry {
  /** the path prefix of every route of this router (FastAPI's `router.prefix`) */
  readonly prefix: TPrefix;
  readonly #options: APIRouterOptions;
  readonly #declarations: RouteDeclaration[] = [];
  readonly #websockets: WebSocketDeclaration[] = [];

  constructor(options: APIRouterOptions & { prefix?: TPrefix } = {}) {
    super();
    this.#options = options;
    this.prefix = (options.prefix ?? "") as TPrefix;
    this.eventHandlers.addAll(options);
  }

  protected addDeclaration(declaration: RouteDeclaration): void {
    this.#declarations.push(declaration);
  }

  protected addWebSocket(declaration: WebSocketDeclaration): void {
    this.#websockets.push(declaration);
  }

  /** includes another router's routes into this one */
  includeRouter<
    TSelf extends APIRouter<string>,
    TRouter extends APIRouter<string>,
    const TPrefix extends string = "",
  >(
    this: TSelf,
    router: TRouter,
    options: IncludeOptions & { prefix?: TPrefix } = {},
  ): WithRouter<TSelf, TRouter, TPrefix> {
    for (const declaration of router.declarations())
      this.addDeclaration(inherit(declaration, options));
    for (const declaration of router.websocketDeclarations())
      this.addWebSocket(inheritWebSocket(declaration, options));
    this.eventHandlers.include(router.eventHandlers);
    return this as never; // the route map is type-only (route-map.ts)
  }

  /** the WebSocket routes with this router's own prefix and dependencies applied */
  websocketDeclarations(): WebSocketDeclaration[] {
    return this.#websockets.map((declaration) => inheritWebSocket(declaration, this.#options));
  }

  /** the routes with this router's own prefix, tags, dependencies and responses applied */
  declarations(): RouteDeclaration[] {
    return this.#declarations.map((declaration) => inherit(declaration, this.#options));
  }
}

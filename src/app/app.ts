import type { DependsMarker } from "../dependencies/dependency.js";
import type { ValidationErrorLimits } from "../errors/error-limits.js";
import type { RequestContext } from "../http/context.js";
import { createFetchEntry, type FetchEntry } from "../http/fetch-entry.js";
import type { FormLimits } from "../http/form-body.js";
import type { JsonLimits } from "../http/json-guard.js";
import { compileRequestChecks, type RequestChecks } from "../http/request-checks.js";
import type { WebSocketTransport } from "../http/websocket-transport.js";
import type { MaybePromise } from "../internal/types.js";
import type { ConcurrencyOptions } from "../limits/index.js";
import { logger } from "../logging/logger.js";
import { bodyKindOf } from "../params/analyze.js";
import type { OutgoingResponse } from "../responses/response.js";
import { legacySecurityHandler, SecurityHTTPException } from "../security/errors.js";
import {
  inheritWebSocket,
  type WebSocketDeclaration,
  type WebSocketDefaults,
} from "../websocket/index.js";
import type { APIRouter } from "./api-router.js";
import { defaultName, siteOf } from "./declaration.js";
import { describeApp, type OpenApiAppOptions } from "./describe.js";
import { isDocsHandler, registerDocsRoutes } from "./docs-routes.js";
import { Webhooks } from "./documented-routes.js";
import type { EventHandler } from "./event-handlers.js";
import { type ErrorClass, type ExceptionHandler, ExceptionHandlers } from "./exception-handlers.js";
import { type Lifespan, LifespanRunner } from "./lifespan.js";
import { chainMiddleware, type Middleware } from "./middleware-chain.js";
import { DependencyOverrides } from "./overrides.js";
import { type IncludeOptions, inherit, type RouteDeclaration, RouteRegistry } from "./registry.js";
import { RouteCompiler } from "./route-compiler.js";
import type { WithRouter } from "./route-map.js";
import type { ResponseClass, RouteOptions } from "./route-options.js";
import type { RouteRecord } from "./route-record.js";
import { type Mount, type Mountable, RouteTable } from "./route-table.js";
import { ServingControls, type ServingStats } from "./serving-controls.js";
import { urlPathFor } from "./url-path.js";
import { attachWebSockets } from "./websockets.js";

export type { Middleware };

export interface Logger {
  error(message: string, error?: unknown): void;
}

export interface AppOptions extends OpenApiAppOptions {
  title?: string;
  version?: string;
  summary?: string;
  description?: string;
  /** startup/shutdown as an async generator; what it yields becomes `app.state` */
  lifespan?: Lifespan<App>;
  /**
   * Development only: a 500 answers with the error's traceback (plain text, or HTML for a
   * browser), as Starlette's `debug=True`. Never on by default; never in production.
   */
  debug?: boolean;
  /** FastAPI's `on_startup`: hooks run after the lifespan's startup (see `app.onEvent`) */
  onStartup?: readonly EventHandler[];
  /** FastAPI's `on_shutdown`: hooks run before the lifespan's shutdown */
  onShutdown?: readonly EventHandler[];
  /** dependencies every route runs for their effect (auth, rate limits) */
  dependencies?: readonly DependsMarker[];
  /** default true: a path that only matches with the trailing slash toggled answers 307 */
  redirectSlashes?: boolean;
  /**
   * hosts (lowercase, with port if any) whose slash redirects carry an absolute `Location`
   * as FastAPI's do; default none: `Location` is a path, never built from a forged Host
   */
  trustedRedirectHosts?: readonly string[];
  /** the mount prefix the app is served under behind a proxy */
  rootPath?: string;
  /** default 1 MiB: larger request bodies get 413 */
  bodyLimit?: number;
  /** default true: JSON bodies are parsed only with a JSON content type (FastAPI 0.132+) */
  strictContentType?: boolean;
  /** limits for form and multipart bodies: file size 10 MiB, 1000 files/fields/parts, field 1 MiB */
  formLimits?: FormLimits;
  /** JSON bodies: nesting 64 deep at most, no `__proto__`/`constructor.prototype` keys (→ 400) */
  json?: JsonLimits;
  /** how much a 422 echoes: 100 errors, each `input` cut to 1,000 characters (docs/security.md) */
  validationErrors?: ValidationErrorLimits;
  /** duplicate critical headers → 400, unknown content codings → 415 (docs/security.md) */
  requestChecks?: RequestChecks;
  /** default false: every security scheme answers as FastAPI 0.115 did (403 where 0.122+ says 401) */
  securityLegacyStatus?: boolean;
  /** default: the process-wide pino logger (`logger`), JSON off a terminal */
  logger?: Logger;
  /** WebSocket defaults every WebSocket route starts from (message size, pings, receive queue) */
  websocket?: WebSocketDefaults;
  /** default of every route's `concurrency` (each route gets its own limiter); docs routes excepted */
  concurrency?: ConcurrencyOptions;
  /** default of every route's `timeout` in ms; docs routes excepted */
  timeout?: number;
  /** handlers by error class or status, as `app.exceptionHandler()` adds them (FastAPI's `exception_handlers={…}`) */
  exceptionHandlers?: Iterable<readonly [number | ErrorClass<any>, ExceptionHandler<any>]>;
  /** the `responseClass` of every route (its routers' included) that sets none: FastAPI's `default_response_class` */
  defaultResponseClass?: ResponseClass;
}

/** A route's own `responseClass` (or its router's) wins over the app's default, as in FastAPI. */
function withDefaultResponseClass(
  declaration: RouteDeclaration,
  responseClass: ResponseClass | undefined,
): RouteDeclaration {
  if (responseClass === undefined || declaration.options.responseClass !== undefined) {
    return declaration;
  }
  if (isDocsHandler(declaration.handler)) return declaration;
  return { ...declaration, options: { ...declaration.options, responseClass } };
}

/**
 * A Tailor application: routes, dependencies, exception handlers, middleware and lifespan.
 *
 * @example
 * const app = new App({ title: "Inference API", version: "1.0.0" });
 * app.get("/health", {}, () => ({ status: "ok" }));
 * await serve(app, { port: 8000 });
 */
export class App extends RouteRegistry {
  readonly title: string;
  readonly version: string;
  readonly config: AppOptions;
  readonly rootPath: string;
  readonly dependencyOverrides = new DependencyOverrides();
  /** for Bun.serve's routes */ readonly nativeRoutes = () => this.#table.nativeRoutes();
  /** its routes send later answers through node's listener, unless a subclass replaced `handle` */
  readonly answersThroughSink = this.handle === App.prototype.handle;
  /** state shared by every request; seeded from what the lifespan yields */
  state: Record<string, any> = {};
  readonly logger: Logger;

  readonly #table: RouteTable;
  readonly #compiler: RouteCompiler;
  readonly #exceptionHandlers: ExceptionHandlers;
  readonly #checkRequest: ReturnType<typeof compileRequestChecks>;
  readonly #middleware: Middleware[] = [];
  readonly #lifespan: LifespanRunner<App>;
  #pipeline: ((ctx: RequestContext) => MaybePromise<OutgoingResponse>) | undefined;
  #openapiDocument: Record<string, unknown> | undefined;
  /**
   * FastAPI's `app.webhooks`: requests the app sends, documented under OpenAPI `webhooks`.
   * @example app.webhooks.post("new-subscription", { params: { body: Subscription } }, function newSubscription() {});
   */
  readonly webhooks = new Webhooks(() => {
    this.#openapiDocument = undefined;
  });
  #appScopeStarted = false;
  readonly #controls = new ServingControls(
    () => this.config,
    (message, error) => this.#logError(message, error),
  );
  readonly #websockets = attachWebSockets(this, {
    analyze: (route, _pathNames, where) =>
      this.#compiler.analyze({
        options: route.options as RouteOptions,
        handler: route.handler as RouteRecord["handler"],
        dependencies: route.dependencies,
        path: route.path,
        where,
      }),
    appScope: () => this.#compiler.appScope,
    logError: (message, error) => this.#logError(message, error),
  });

  constructor(options: AppOptions = {}) {
    super();
    this.config = options;
    this.title = options.title ?? "Tailor";
    this.version = options.version ?? "0.1.0";
    this.rootPath = options.rootPath ?? "";
    this.logger = options.logger ?? logger;
    this.eventHandlers.addAll(options);
    this.#lifespan = new LifespanRunner(options.lifespan, this.eventHandlers);
    this.#checkRequest = compileRequestChecks(options.requestChecks);
    this.#exceptionHandlers = new ExceptionHandlers(options.validationErrors, options.debug);
    this.#compiler = new RouteCompiler(
      options,
      this.dependencyOverrides,
      this.#logError,
      (route, compiled) => this.#controls.guard(route, compiled),
    );
    this.#table = new RouteTable({
      rootPath: this.rootPath,
      redirectSlashes: options.redirectSlashes !== false,
      trustedRedirectHosts: options.trustedRedirectHosts,
      prepare: (route) => this.#compiler.prepare(route, this.#table.routes),
      handleError: (ctx, error, route) => this.#handleError(ctx, error, route),
    });
    if (options.securityLegacyStatus)
      this.exceptionHandler(SecurityHTTPException, legacySecurityHandler);
    for (const [key, handler] of options.exceptionHandlers ?? [])
      this.exceptionHandler(key, handler);
    registerDocsRoutes(this);
  }

  /** the OpenAPI 3.1 document, built on first use and again after routes are added */
  openapi(): Record<string, unknown> {
    this.#openapiDocument ??= describeApp(this);
    return this.#openapiDocument;
  }

  /** every registered route, in registration order */
  get routes(): readonly RouteRecord[] {
    return this.#table.routes;
  }

  /**
   * The path of the route with this name and these path params (Starlette's `url_path_for`;
   * without `rootPath`); throws `NoMatchFound` when there is none.
   * @example app.urlPathFor("read_item", { item_id: 3 }) // "/items/3"
   */
  urlPathFor(name: string, params?: Readonly<Record<string, string | number>>): string {
    return urlPathFor(this.#table.routes, name, params);
  }

  /** every mount, in declaration order (a mounted App documents itself under `path`) */
  get mounts(): readonly Mount[] {
    return this.#table.mounts;
  }

  protected addDeclaration(declared: RouteDeclaration): void {
    const declaration = withDefaultResponseClass(declared, this.config.defaultResponseClass);
    const methods = declaration.methods;
    const where = `${methods.join(",")} ${declaration.path}`;
    const record: RouteRecord = {
      methods,
      path: declaration.path,
      handler: declaration.handler,
      options: declaration.options,
      name:
        declaration.options.name ||
        declaration.handler.name ||
        defaultName(methods, declaration.path),
      tags: declaration.tags,
      dependencies: declaration.dependencies,
      // the 503/504 of the route's concurrency and timeout are documented among its responses
      responses: {
        ...this.#controls.responsesFor(declaration.options, declaration.handler, where),
        ...declaration.responses,
      },
      where,
      site: declaration.site,
      graph: this.#compiler.analyze({ ...declaration, where }),
      compiled: undefined,
    };
    // one body per request: JSON params and form/file params cannot share a route
    bodyKindOf(
      record.graph.nodes.flatMap((node) => node.params),
      where,
    );
    this.#openapiDocument = undefined;
    this.#table.addRoute(record);
  }

  /**
   * Serves another app (or StaticFiles) under a path prefix: it sees the path without the
   * prefix and `ctx.rootPath` with it; this app's middleware still wraps it. Routes declared
   * before the mount win over it for the paths both match.
   * @example app.mount("/static", new StaticFiles({ directory: "public" }));
   */
  mount(path: string, app: Mountable, options: { name?: string } = {}): this {
    this.#table.addMount(path, app, options.name);
    return this;
  }

  /** includes a router's routes, with an extra prefix, tags, dependencies and responses */
  includeRouter<
    TSelf extends App,
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

  protected addWebSocket(declaration: WebSocketDeclaration): void {
    this.#websockets.add(declaration);
  }

  /**
   * Runs a WebSocket handshake through the matching WebSocket route (HTTP middleware, which
   * does not understand WebSockets, is skipped, as in Starlette), or through a mounted app;
   * no route: refused with 403.
   */
  handleWebSocket(ctx: RequestContext, transport: WebSocketTransport): Promise<void> {
    ctx.appState = this.state;
    ctx.urlPaths = this;
    if (this.rootPath !== "" && ctx.rootPath === "") ctx.rootPath = this.rootPath;
    return this.#websockets.handle(ctx, transport);
  }

  /**
   * The largest message any of the app's WebSocket routes accepts: a runtime whose server
   * checks one limit for every socket (Bun's `maxPayloadLength`) is given this one.
   *
   * @example Bun.serve({ fetch: app.fetch, websocket: { maxPayloadLength: app.webSocketMessageLimit(), ... } });
   */
  webSocketMessageLimit(): number {
    return this.#websockets.largestMessageSize();
  }

  /** the routes' concurrency and deadline counters, for a readiness probe */
  servingStats(): ServingStats {
    return this.#controls.stats();
  }

  /**
   * Answers errors of a class (or HTTPExceptions of a status) with your own response.
   * @example app.exceptionHandler(QuotaError, (ctx, err) => new JSONResponse({ error: "quota" }, { status: 429 }))
   */
  exceptionHandler<TError>(
    key: number | ErrorClass<TError>,
    handler: ExceptionHandler<TError>,
  ): this {
    this.#exceptionHandlers.add(key, handler);
    return this;
  }

  /** @example app.middleware(async (ctx, callNext) => { const r = await callNext(); r.headers["x-time"] = "1"; return r; }) */
  middleware(middleware: Middleware): this {
    this.#middleware.push(middleware);
    this.#pipeline = undefined;
    return this;
  }

  /**
   * Adds a middleware object (`CORSMiddleware`, `GZipMiddleware`, …) to the same chain as
   * `middleware()`: the last added runs first.
   * @example app.addMiddleware(new CORSMiddleware({ allowOrigins: ["https://app.example.com"] }))
   */
  addMiddleware(middleware: { dispatch: Middleware }): this {
    return this.middleware((ctx, callNext) => middleware.dispatch(ctx, callNext));
  }

  /**
   * Answers a Web-standard Request (Bun, Deno, Workers); the first request runs the lifespan's
   * startup if nothing has.
   * @example export default { fetch: app.fetch }; // Bun; on Deno: Deno.serve(app.fetch)
   */
  readonly fetch: FetchEntry = createFetchEntry(this);

  /** compiles every route now instead of on its first request */
  compile(): this {
    this.#compiler.compileAll(this.#table.routes);
    return this;
  }

  /** runs the lifespan's startup (once), then creates the app-scoped dependencies routes use */
  async startup(): Promise<void> {
    await this.#lifespan.start(this, (state) => Object.assign(this.state, state));
    await this.#table.startMounts();
    if (this.#appScopeStarted) return;
    this.#appScopeStarted = true;
    this.#compiler.refresh(this.#table.routes);
    await this.#compiler.appScope.startAll(this.#table.routes.map((record) => record.graph));
  }

  /** closes the app-scoped dependencies (newest first), then runs the lifespan's shutdown */
  async shutdown(): Promise<void> {
    this.#appScopeStarted = false;
    for (const failure of await this.#compiler.appScope.close())
      this.logger.error("teardown of an app-scoped dependency failed", failure);
    await this.#table.stopMounts();
    await this.#lifespan.stop();
  }

  /** the whole request pipeline: middleware, routing, the route, exception handlers */
  handle(ctx: RequestContext): OutgoingResponse | Promise<OutgoingResponse> {
    ctx.appState = this.state;
    ctx.urlPaths = this;
    if (this.rootPath !== "") ctx.rootPath = this.rootPath;
    const refused = this.#checkRequest(ctx);
    if (refused !== undefined) return this.#handleError(ctx, refused, undefined);
    this.#pipeline ??= chainMiddleware(
      this.#middleware,
      (ctx) => this.#table.dispatch(ctx),
      this.#logError,
      this.#exceptionHandlers.serverErrorResponse,
    );
    return this.#pipeline(ctx);
  }

  #handleError(ctx: RequestContext, error: unknown, record: RouteRecord | undefined) {
    return this.#exceptionHandlers.respond(ctx, error, this.#logError, () =>
      record ? `${record.where} (declared at ${siteOf(record.site)})` : `${ctx.method} ${ctx.path}`,
    );
  }

  readonly #logError = (message: string, error: unknown) => this.logger.error(message, error);
}

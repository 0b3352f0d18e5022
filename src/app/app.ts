import { AppScope } from "../dependencies/app-scope.js";
import type { DependsMarker } from "../dependencies/dependency.js";
import { analyzeGraph } from "../dependencies/graph.js";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "../http/context.js";
import type { FormLimits } from "../http/form-body.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import { logger } from "../logging/logger.js";
import { bodyKindOf } from "../params/analyze.js";
import type { OutgoingResponse } from "../responses/response.js";
import { decodePath, Router } from "../routing/index.js";
import { legacySecurityHandler, SecurityHTTPException } from "../security/errors.js";
import { handleFetch } from "../server/fetch-adapter.js";
import { FileResponse } from "../staticfiles/file-response.js";
import type { APIRouter } from "./api-router.js";
import { compileRoute } from "./compile.js";
import { defaultName, siteOf, templateNames } from "./declaration.js";
import { describeApp, type OpenApiAppOptions } from "./describe.js";
import { isDocsHandler, registerDocsRoutes } from "./docs-routes.js";
import {
  type ErrorClass,
  type ExceptionHandler,
  ExceptionHandlers,
  internalErrorResponse,
} from "./exception-handlers.js";
import { type Lifespan, LifespanRunner } from "./lifespan.js";
import { type Mount, type Mountable, MountTable } from "./mounts.js";
import { DependencyOverrides } from "./overrides.js";
import { type IncludeOptions, inherit, type RouteDeclaration, RouteRegistry } from "./registry.js";
import type { RouteRecord } from "./route-record.js";

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
  /** dependencies every route runs for their effect (auth, rate limits) */
  dependencies?: readonly DependsMarker[];
  /** default true: a path that only matches with the trailing slash toggled answers 307 */
  redirectSlashes?: boolean;
  /** the mount prefix the app is served under behind a proxy */
  rootPath?: string;
  /** default 1 MiB: larger request bodies get 413 */
  bodyLimit?: number;
  /** default true: JSON bodies are parsed only with a JSON content type (FastAPI 0.132+) */
  strictContentType?: boolean;
  /** limits for form and multipart bodies: file size 10 MiB, 1000 files/fields/parts, field 1 MiB */
  formLimits?: FormLimits;
  /** default false: every security scheme answers as FastAPI 0.115 did (403 where 0.122+ says 401) */
  securityLegacyStatus?: boolean;
  /** default: the process-wide pino logger (`logger`), JSON off a terminal */
  logger?: Logger;
}

/** `(ctx, callNext) => response`: the last added middleware runs first (outermost). */
export type Middleware = (
  ctx: RequestContext,
  callNext: () => Promise<OutgoingResponse>,
) => MaybePromise<OutgoingResponse>;

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
  /** state shared by every request; seeded from what the lifespan yields */
  state: Record<string, any> = {};
  readonly logger: Logger;

  readonly #records: RouteRecord[] = [];
  readonly #router = new Router<RouteRecord>();
  readonly #exceptionHandlers = new ExceptionHandlers();
  readonly #middleware: Middleware[] = [];
  readonly #mounts = new MountTable<RouteRecord>();
  readonly #lifespan: LifespanRunner<App>;
  #pipeline: ((ctx: RequestContext) => MaybePromise<OutgoingResponse>) | undefined;
  #graphVersion = 0;
  #openapiDocument: Record<string, unknown> | undefined;
  readonly #appScope = new AppScope(this.dependencyOverrides);
  #appScopeStarted = false;

  constructor(options: AppOptions = {}) {
    super();
    this.config = options;
    this.title = options.title ?? "Tailor";
    this.version = options.version ?? "0.1.0";
    this.rootPath = options.rootPath ?? "";
    this.logger = options.logger ?? logger;
    this.#lifespan = new LifespanRunner(options.lifespan);
    if (options.securityLegacyStatus)
      this.exceptionHandler(SecurityHTTPException, legacySecurityHandler);
    registerDocsRoutes(this);
  }

  /** the OpenAPI 3.1 document, built on first use and again after routes are added */
  openapi(): Record<string, unknown> {
    this.#openapiDocument ??= describeApp(this);
    return this.#openapiDocument;
  }

  /** every registered route, in registration order */
  get routes(): readonly RouteRecord[] {
    return this.#records;
  }

  protected addDeclaration(declaration: RouteDeclaration): void {
    const methods = declaration.methods;
    const where = `${methods.join(",")} ${declaration.path}`;
    const pathNames = templateNames(declaration.path, where);
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
      responses: declaration.responses,
      where,
      site: declaration.site,
      graph: this.#analyze(declaration, pathNames, where),
      compiled: undefined,
    };
    // one body per request: JSON params and form/file params cannot share a route
    bodyKindOf(
      record.graph.nodes.flatMap((node) => node.params),
      where,
    );
    this.#records.push(record);
    this.#openapiDocument = undefined;
    this.#router.add(methods, declaration.path, record);
  }

  /** every mount, in declaration order (a mounted App documents itself under `path`) */
  get mounts(): readonly Mount[] {
    return this.#mounts.list;
  }

  /**
   * Serves another app (or StaticFiles) under a path prefix: it sees the path without the
   * prefix and `ctx.rootPath` with it; this app's middleware still wraps it. Routes declared
   * before the mount win over it for the paths both match.
   * @example app.mount("/static", new StaticFiles({ directory: "public" }));
   */
  mount(path: string, app: Mountable, options: { name?: string } = {}): this {
    this.#mounts.add(path, app, options.name, this.#records);
    return this;
  }

  /** includes a router's routes, with an extra prefix, tags, dependencies and responses */
  includeRouter(router: APIRouter, options: IncludeOptions = {}): this {
    for (const declaration of router.declarations())
      this.addDeclaration(inherit(declaration, options));
    return this;
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
   * Answers a Web-standard Request (Bun, Deno, Workers).
   * @example export default { fetch: app.fetch };
   */
  readonly fetch = (request: Request): Promise<globalThis.Response> => handleFetch(this, request);

  /** compiles every route now instead of on its first request */
  compile(): this {
    this.#refreshGraphs();
    for (const record of this.#records) record.compiled ??= compileRoute(record, this.#settings());
    return this;
  }

  /** runs the lifespan's startup (once), then creates the app-scoped dependencies routes use */
  async startup(): Promise<void> {
    const state = await this.#lifespan.start(this);
    Object.assign(this.state, state);
    await this.#mounts.startup();
    if (this.#appScopeStarted) return;
    this.#appScopeStarted = true;
    this.#refreshGraphs();
    await this.#appScope.startAll(this.#records.map((record) => record.graph));
  }

  /** closes the app-scoped dependencies (newest first), then runs the lifespan's shutdown */
  async shutdown(): Promise<void> {
    this.#appScopeStarted = false;
    for (const failure of await this.#appScope.close())
      this.logger.error("teardown of an app-scoped dependency failed", failure);
    await this.#mounts.shutdown();
    await this.#lifespan.stop();
  }

  /** the whole request pipeline: middleware, routing, the route, exception handlers */
  handle(ctx: RequestContext): OutgoingResponse | Promise<OutgoingResponse> {
    ctx.appState = this.state;
    if (this.rootPath !== "") ctx.rootPath = this.rootPath;
    this.#pipeline ??= this.#buildPipeline();
    return this.#pipeline(ctx);
  }

  #settings() {
    return {
      bodyLimit: this.config.bodyLimit ?? 1024 * 1024,
      strictContentType: this.config.strictContentType ?? true,
      formLimits: this.config.formLimits,
      logError: this.#logError,
      appScope: this.#appScope,
    };
  }

  #refreshGraphs(): void {
    if (this.#graphVersion === this.dependencyOverrides.version) return;
    this.#graphVersion = this.dependencyOverrides.version;
    for (const record of this.#records) {
      record.graph = this.#analyze(record, templateNames(record.path, record.where), record.where);
      record.compiled = undefined;
    }
  }

  /** a route's dependency graph: the app's dependencies (not for the docs routes), then its own */
  #analyze(
    route: Pick<RouteRecord, "options" | "handler" | "dependencies">,
    pathNames: ReadonlySet<string>,
    where: string,
  ) {
    const appWide = isDocsHandler(route.handler) ? [] : (this.config.dependencies ?? []);
    return analyzeGraph(
      route.options.params ?? {},
      route.handler,
      [...appWide, ...route.dependencies],
      pathNames,
      where,
      this.dependencyOverrides,
    );
  }

  #buildPipeline(): (ctx: RequestContext) => MaybePromise<OutgoingResponse> {
    let next = (ctx: RequestContext): MaybePromise<OutgoingResponse> => this.#dispatch(ctx);
    for (const middleware of this.#middleware) {
      const inner = next;
      next = async (ctx) => {
        try {
          return await middleware(ctx, async () => inner(ctx));
        } catch (error) {
          this.logger.error(`middleware failed on ${ctx.method} ${ctx.path}`, error);
          return internalErrorResponse();
        }
      };
    }
    return next;
  }

  #dispatch(ctx: RequestContext): MaybePromise<OutgoingResponse> {
    let record: RouteRecord | undefined;
    try {
      const path = decodePath(ctx.rawPath);
      if (path === null) throw new HTTPException(404);
      ctx.path = path;
      const found = this.#router.lookup(ctx.method, path);
      if (this.#mounts.size > 0) {
        const mounted = this.#mounts.enter(
          ctx,
          path,
          found !== null && "match" in found ? found.match.value : undefined,
        );
        if (mounted !== undefined) return this.#settle(mounted.handle(ctx), ctx, undefined);
      }
      if (found === null) return this.#notFound(ctx, path);
      if (!("match" in found)) {
        throw new HTTPException(405, undefined, { allow: found.allow.join(", ") });
      }
      record = found.match.value;
      ctx.pathParams = found.match.params;
      if (this.#graphVersion !== this.dependencyOverrides.version) this.#refreshGraphs();
      const run = (record.compiled ??= compileRoute(record, this.#settings()));
      return this.#settle(run(ctx), ctx, record);
    } catch (error) {
      return this.#handleError(ctx, error, record);
    }
  }

  /** a route's answer, given as it came: synchronously when it is ready, else awaited */
  #settle(
    response: MaybePromise<OutgoingResponse>,
    ctx: RequestContext,
    record: RouteRecord | undefined,
  ): MaybePromise<OutgoingResponse> {
    if (isThenable<OutgoingResponse>(response)) return this.#settleLater(response, ctx, record);
    return response instanceof FileResponse ? response.forRequest(ctx) : response;
  }

  #settleLater(
    pending: PromiseLike<OutgoingResponse>,
    ctx: RequestContext,
    record: RouteRecord | undefined,
  ): Promise<OutgoingResponse> {
    // a .then costs less than an async function's frame and await
    return Promise.resolve(pending).then(
      (response) => (response instanceof FileResponse ? response.forRequest(ctx) : response),
      (error: unknown) => this.#handleError(ctx, error, record),
    );
  }

  #notFound(ctx: RequestContext, path: string): MaybePromise<OutgoingResponse> {
    // As FastAPI(root_path=…): a request that still carries the prefix is routed without it.
    // Tried only once nothing matched, so requests without the prefix pay nothing.
    const root = this.rootPath;
    if (root !== "" && path.startsWith(`${root}/`) && ctx.rawPath.startsWith(`${root}/`)) {
      ctx.rawPath = ctx.rawPath.slice(root.length);
      return this.#dispatch(ctx);
    }
    if (this.config.redirectSlashes !== false && path !== "/") {
      const toggled = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
      if (this.#router.matchesPath(toggled) || this.#mounts.matchesPath(toggled)) {
        const raw = ctx.rawPath.endsWith("/") ? ctx.rawPath.slice(0, -1) : `${ctx.rawPath}/`;
        const host = ctx.header("host") ?? "localhost";
        const query = ctx.rawQuery === "" ? "" : `?${ctx.rawQuery}`;
        return {
          status: 307,
          headers: { location: `${ctx.scheme}://${host}${ctx.rootPath}${raw}${query}` },
          body: "",
        };
      }
    }
    return this.#handleError(ctx, new HTTPException(404), undefined);
  }

  #handleError(ctx: RequestContext, error: unknown, record: RouteRecord | undefined) {
    return this.#exceptionHandlers.respond(ctx, error, this.#logError, () =>
      record ? `${record.where} (declared at ${siteOf(record.site)})` : `${ctx.method} ${ctx.path}`,
    );
  }

  readonly #logError = (message: string, error: unknown) => this.logger.error(message, error);
}

import type { RequestContext } from "../http/context.js";
import type { ParamMarker } from "../params/markers.js";
import type { StandardSchemaV1 } from "../schema/index.js";
import type { ArgsOf, ResolvedValue } from "./infer.js";

/** What a `params` object may hold: markers, bare schemas, and `Depends(…)`. */
export type ParamsShape = Record<
  string,
  ParamMarker | StandardSchemaV1 | DependsMarker | SpecialParam
>;

/**
 * How long a dependency's value lives (and so when a generator's teardown runs):
 * - "request" (default): one value per request, closed after the response is sent and the
 *   background tasks ran (FastAPI 0.118+), so a streaming response can still use it;
 * - "function": one value per request, closed right after the handler returns, before the
 *   response is sent;
 * - "app": one value for the whole app, created at startup (or on first use), shared by every
 *   request, closed by `app.shutdown()`. It may only depend on other app-scoped dependencies.
 */
export type DependencyScope = "request" | "function" | "app";

export interface DependencyOptions {
  scope?: DependencyScope;
  /** a name for error messages and OpenAPI (default: the function's name) */
  name?: string;
  /** set by security schemes: documented in components.securitySchemes and per operation */
  securityScheme?: SecuritySchemeDescription;
}

export interface SecuritySchemeDescription {
  /** the components.securitySchemes key (FastAPI: the class name, or `scheme_name`) */
  schemeName: string;
  /** the OpenAPI Security Scheme Object */
  scheme: Record<string, unknown>;
}

export type DependencyFunction = (args: any, ctx: RequestContext) => unknown;

/** A function with its own declared params, resolved once per request and injected by `Depends`. */
export class Dependency<TParams extends ParamsShape = ParamsShape, TValue = unknown> {
  readonly kind = "dependency" as const;
  readonly params: TParams;
  readonly fn: DependencyFunction;
  readonly name: string;
  readonly scope: DependencyScope;
  readonly securityScheme: SecuritySchemeDescription | undefined;
  /** phantom: the resolved value type */
  declare readonly __value: TValue;

  constructor(params: TParams, fn: DependencyFunction, options: DependencyOptions = {}) {
    this.params = params;
    this.fn = fn;
    this.name = options.name ?? (fn.name || "dependency");
    this.scope = options.scope ?? "request";
    this.securityScheme = options.securityScheme;
  }
}

/**
 * Declares a dependency: its params are declared and validated exactly like a route's; sync,
 * async and (async) generator functions are accepted — code after `yield` is teardown.
 *
 * An app-scoped dependency (`{ scope: "app" }`) receives only its args, no request context.
 *
 * @example
 * const getDb = dependency({}, async function* () { const db = await open(); try { yield db; } finally { await db.close(); } });
 * const currentUser = dependency({ key: Header(z.string(), { alias: "x-api-key" }), db: Depends(getDb) },
 *   async ({ key, db }) => db.userByKey(key));
 */
export function dependency<const TParams extends ParamsShape, TResult>(
  params: TParams,
  fn: (args: ArgsOf<"", TParams>) => TResult,
  options: DependencyOptions & { scope: "app" },
): Dependency<TParams, ResolvedValue<TResult>>;
export function dependency<const TParams extends ParamsShape, TResult>(
  params: TParams,
  fn: (args: ArgsOf<"", TParams>, ctx: RequestContext) => TResult,
  options?: DependencyOptions & { scope?: "request" | "function" },
): Dependency<TParams, ResolvedValue<TResult>>;
export function dependency(
  params: ParamsShape,
  fn: DependencyFunction,
  options?: DependencyOptions,
): Dependency<ParamsShape, unknown> {
  return new Dependency(params, fn, options);
}

export interface DependsOptions {
  /** default true: a dependency used twice in one request runs once */
  useCache?: boolean;
}

/** Injects the resolved value of a dependency. */
export class DependsMarker<TDependency extends Dependency<any, any> = Dependency<any, any>> {
  readonly kind = "depends" as const;
  readonly dependency: TDependency;
  readonly useCache: boolean;
  readonly scopes: readonly string[];

  constructor(dep: TDependency, useCache: boolean, scopes: readonly string[] = []) {
    this.dependency = dep;
    this.useCache = useCache;
    this.scopes = scopes;
  }
}

/**
 * @example app.get("/me", { params: { user: Depends(currentUser) } }, ({ user }) => user)
 */
export function Depends<TDependency extends Dependency<any, any>>(
  dep: TDependency,
  options: DependsOptions = {},
): DependsMarker<TDependency> {
  return new DependsMarker(dep, options.useCache ?? true);
}

/** Params the framework fills itself (the request, background tasks, security scopes). */
export class SpecialParam<TValue = unknown> {
  readonly kind = "special" as const;
  readonly name: string;
  readonly resolve: (ctx: RequestContext) => TValue;

  constructor(name: string, resolve: (ctx: RequestContext) => TValue) {
    this.name = name;
    this.resolve = resolve;
  }
}

export function isDependsMarker(value: unknown): value is DependsMarker {
  return value instanceof DependsMarker;
}

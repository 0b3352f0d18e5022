import { AppScope } from "../dependencies/app-scope.js";
import type { DependsMarker } from "../dependencies/dependency.js";
import { analyzeGraph, type RouteGraph } from "../dependencies/graph.js";
import type { FormLimits } from "../http/form-body.js";
import { type JsonLimits, resolveJsonLimits } from "../http/json-guard.js";
import { type CompileSettings, compileRoute } from "./compile.js";
import { templateNames } from "./declaration.js";
import { isDocsHandler } from "./docs-routes.js";
import type { DependencyOverrides } from "./overrides.js";
import type { CompiledRoute, RouteRecord } from "./route-record.js";

export interface RouteCompilerOptions {
  /** the app's dependencies, run by every route but the docs routes */
  dependencies?: readonly DependsMarker[] | undefined;
  bodyLimit?: number | undefined;
  strictContentType?: boolean | undefined;
  formLimits?: FormLimits | undefined;
  json?: JsonLimits | undefined;
}

/**
 * Turns an app's routes into dependency graphs at registration and compiled closures on first
 * use, and does both again (once, on the next request) after `dependencyOverrides` change.
 */
export class RouteCompiler {
  readonly appScope: AppScope;
  readonly #overrides: DependencyOverrides;
  readonly #options: RouteCompilerOptions;
  readonly #settings: CompileSettings;
  readonly #wrap: (route: RouteRecord, compiled: CompiledRoute) => CompiledRoute;
  #version: number;

  constructor(
    options: RouteCompilerOptions,
    overrides: DependencyOverrides,
    logError: (message: string, error: unknown) => void,
    /** puts a compiled route behind its serving controls (concurrency, timeout) */
    wrap: (route: RouteRecord, compiled: CompiledRoute) => CompiledRoute = (_route, run) => run,
  ) {
    this.#wrap = wrap;
    this.#options = options;
    this.#overrides = overrides;
    this.#version = overrides.version;
    this.appScope = new AppScope(overrides);
    this.#settings = {
      bodyLimit: options.bodyLimit ?? 1024 * 1024,
      strictContentType: options.strictContentType ?? true,
      formLimits: options.formLimits,
      jsonLimits: resolveJsonLimits(options.json),
      logError,
      appScope: this.appScope,
    };
  }

  /** a route's dependency graph: the app's dependencies (not for the docs routes), then its own */
  analyze(
    route: Pick<RouteRecord, "options" | "handler" | "dependencies" | "path" | "where">,
  ): RouteGraph {
    const appWide = isDocsHandler(route.handler) ? [] : (this.#options.dependencies ?? []);
    return analyzeGraph(
      route.options.params ?? {},
      route.handler,
      [...appWide, ...route.dependencies],
      templateNames(route.path, route.where),
      route.where,
      this.#overrides,
    );
  }

  /** per request: the route's compiled closure (compiled now if it is the first request) */
  prepare(route: RouteRecord, routes: readonly RouteRecord[]): CompiledRoute {
    if (this.#version !== this.#overrides.version) this.refresh(routes);
    return (route.compiled ??= this.#wrap(route, compileRoute(route, this.#settings)));
  }

  /** re-analyses every route if the overrides changed since they were analysed */
  refresh(routes: readonly RouteRecord[]): void {
    if (this.#version === this.#overrides.version) return;
    this.#version = this.#overrides.version;
    for (const route of routes) {
      route.graph = this.analyze(route);
      route.compiled = undefined;
    }
  }

  /** compiles every route now instead of on its first request */
  compileAll(routes: readonly RouteRecord[]): void {
    this.refresh(routes);
    for (const route of routes)
      route.compiled ??= this.#wrap(route, compileRoute(route, this.#settings));
  }
}

import { ConfigError } from "../errors/config-error.js";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import { slashRedirectLocation } from "../http/redirect-location.js";
import type { NativeRoute } from "../http/servable.js";
import { isThenable } from "../internal/thenable.js";
import type { MaybePromise } from "../internal/types.js";
import { decodePath, type LookupResult, Router } from "../routing/index.js";
import type { CompiledRoute, RouteFailure, RouteRecord } from "./route-record.js";

/** Anything that answers requests: an App, StaticFiles, or your own handler object. */
export interface Mountable {
  handle(ctx: RequestContext): MaybePromise<OutgoingResponse>;
  /** run with the parent's startup (an App's lifespan) */
  startup?(): Promise<void>;
  shutdown?(): Promise<void>;
}

/** One `app.mount(path, target)`: requests under `path` go to `app` with the prefix stripped. */
export interface Mount {
  /** the prefix without a trailing slash ("" for a mount at "/") */
  readonly path: string;
  readonly app: Mountable;
  readonly name: string | undefined;
}

/**
 * One row of the table, in declaration order. Routes are also indexed by the radix router;
 * other kinds of entries (mounts) are matched in order against what it found.
 */
export type TableEntry =
  | { readonly kind: "http"; readonly route: RouteRecord }
  | { readonly kind: "mount"; readonly mount: MountEntry };

interface MountEntry extends Mount {
  /** its row in the table: routes in earlier rows win over it (Starlette's in-order matching) */
  readonly row: number;
  /** how many "/" the prefix has: the raw path is cut after as many segments */
  readonly depth: number;
}

/** What dispatch needs of its app: compiling a route, and answering errors. */
export interface DispatchHost {
  readonly rootPath: string;
  readonly redirectSlashes: boolean;
  /** hosts whose slash redirects carry an absolute Location (else a path) */
  readonly trustedRedirectHosts?: readonly string[] | undefined;
  /** the route's compiled form, compiled on first use */
  prepare(route: RouteRecord): CompiledRoute;
  /** the answer to an error raised while serving; `route` when one had matched */
  handleError(
    ctx: RequestContext,
    error: unknown,
    route: RouteRecord | undefined,
  ): MaybePromise<OutgoingResponse>;
}

/** `ctx.routed`: what this table's routing found for one exact raw path, found once at startup. */
interface Routed {
  readonly table: RouteTable;
  readonly rawPath: string;
  readonly found: LookupResult<RouteRecord>;
}

function normalizePrefix(path: string): string {
  if (!path.startsWith("/") || /[{}?#]/.test(path)) {
    throw new ConfigError(
      "E_PATH_TEMPLATE",
      `mount ${path}`,
      'a mount path is a plain path starting with "/" ("/static", "/admin")',
    );
  }
  return path.replace(/\/+$/, "");
}

/** A response that depends on the request (a file: ranges, 304, HEAD) finishes itself. */
export function finishResponse(response: OutgoingResponse, ctx: RequestContext): OutgoingResponse {
  return response.finish === undefined ? response : response.finish(ctx);
}

/**
 * An app's routes and mounts in one ordered table, and the dispatch over it (as Starlette's
 * `Router` under `Starlette`): decode the path, match (404 / 405 with `Allow`), enter a mount or
 * run the route, redirect a toggled trailing slash, and hand every error to the host.
 */
export class RouteTable {
  readonly #entries: TableEntry[] = [];
  readonly #routes: RouteRecord[] = [];
  readonly #mounts: MountEntry[] = [];
  /** a route's row, for routes that share paths with mounts */
  readonly #rowOf = new Map<RouteRecord, number>();
  readonly #router = new Router<RouteRecord>();
  readonly #host: DispatchHost;
  readonly #fail: RouteFailure;

  constructor(host: DispatchHost) {
    this.#host = host;
    this.#fail = (ctx, error, route) => host.handleError(ctx, error, route);
  }

  /** every row, in declaration order */
  get entries(): readonly TableEntry[] {
    return this.#entries;
  }

  /** every HTTP route, in declaration order */
  get routes(): readonly RouteRecord[] {
    return this.#routes;
  }

  get mounts(): readonly Mount[] {
    return this.#mounts;
  }

  addRoute(route: RouteRecord): void {
    this.#router.add(route.methods, route.path, route);
    this.#rowOf.set(route, this.#entries.length);
    this.#entries.push({ kind: "http", route });
    this.#routes.push(route);
  }

  addMount(path: string, app: Mountable, name: string | undefined): void {
    const prefix = normalizePrefix(path);
    const mount: MountEntry = {
      path: prefix,
      app,
      name,
      row: this.#entries.length,
      depth: prefix.split("/").length - 1,
    };
    this.#entries.push({ kind: "mount", mount });
    this.#mounts.push(mount);
  }

  async startMounts(): Promise<void> {
    for (const mount of this.#mounts) await mount.app.startup?.();
  }

  async stopMounts(): Promise<void> {
    for (const mount of [...this.#mounts].reverse()) await mount.app.shutdown?.();
  }

  /**
   * The routes a runtime's router may match first, with what this table finds for each
   * template without params (`ctx.routed`): a path without "%" decodes to itself, and no route
   * added later can win over one that matches first, so the answer holds for the server's life.
   */
  nativeRoutes(): NativeRoute[] {
    return this.#routes.map((route) => {
      if (route.path.includes("{") || route.path.includes("%"))
        return { path: route.path, methods: route.methods, routed: undefined };
      const routed = new Map<string, Routed>();
      for (const method of route.methods) {
        const found = this.#router.lookup(method, route.path);
        if (found !== null && "match" in found && found.match.value === route)
          routed.set(method, { table: this, rawPath: route.path, found });
      }
      return { path: route.path, methods: route.methods, routed };
    });
  }

  /** routing, then the matched route or mount; errors go to the host's exception handlers */
  dispatch(ctx: RequestContext): MaybePromise<OutgoingResponse> {
    let route: RouteRecord | undefined;
    try {
      // the runtime matched this exact path already (unless a middleware moved the request)
      const routed = ctx.routed as Routed | undefined;
      let path: string | null;
      let found: LookupResult<RouteRecord>;
      if (routed !== undefined && routed.table === this && routed.rawPath === ctx.rawPath) {
        path = routed.rawPath;
        found = routed.found;
      } else {
        path = decodePath(ctx.rawPath);
        if (path === null) throw new HTTPException(404);
        found = this.#router.lookup(ctx.method, path);
      }
      ctx.path = path;
      if (this.#mounts.length > 0) {
        const mounted = this.#enterMount(
          ctx,
          path,
          found !== null && "match" in found ? found.match.value : undefined,
        );
        if (mounted !== undefined) {
          // the mount's answer is finished here: it must come back, not be sent by the mount
          ctx.sink = undefined;
          return this.#settle(mounted.handle(ctx), ctx, undefined);
        }
      }
      if (found === null) return this.#notFound(ctx, path);
      if (!("match" in found)) {
        throw new HTTPException(405, undefined, { allow: found.allow.join(", ") });
      }
      route = found.match.value;
      ctx.pathParams = found.match.params;
      const compiled = this.#host.prepare(route);
      // a route that settles its own promise saves a .then (a promise and a microtask)
      if (compiled.settles === true) return compiled(ctx, this.#fail);
      return this.#settle(compiled(ctx), ctx, route);
    } catch (error) {
      return this.#host.handleError(ctx, error, route);
    }
  }

  /** a route's answer, given as it came: synchronously when it is ready, else awaited */
  #settle(
    response: MaybePromise<OutgoingResponse>,
    ctx: RequestContext,
    route: RouteRecord | undefined,
  ): MaybePromise<OutgoingResponse> {
    if (!isThenable<OutgoingResponse>(response)) return finishResponse(response, ctx);
    // a .then costs less than an async function's frame and await
    return Promise.resolve(response).then(
      (ready) => finishResponse(ready, ctx),
      (error: unknown) => this.#host.handleError(ctx, error, route),
    );
  }

  /**
   * The mount that answers `path`, given the route the router found for it (if any): the
   * first mount whose prefix holds the path, unless that route comes before it in the table.
   * On a match the context is moved into the mount: `rawPath`/`path` lose the prefix and
   * `rootPath` gains it.
   */
  #enterMount(ctx: RequestContext, path: string, route: RouteRecord | undefined) {
    for (const mount of this.#mounts) {
      if (mount.path !== "" && !path.startsWith(`${mount.path}/`)) continue;
      if (route !== undefined && this.#rowOf.get(route)! < mount.row) return undefined;
      const raw = ctx.rawPath;
      let cut = 0;
      for (let n = 0; n < mount.depth && cut !== -1; n++) cut = raw.indexOf("/", cut + 1);
      // an encoded "/" inside the prefix's segments: the raw and decoded paths disagree
      if (cut === -1 || decodePath(raw.slice(0, cut) || "/") !== (mount.path || "/")) {
        return undefined;
      }
      ctx.rawPath = raw.slice(cut);
      ctx.path = path.slice(mount.path.length);
      ctx.rootPath += mount.path;
      return mount.app;
    }
    return undefined;
  }

  /** does a route or a mount take this decoded path, whatever the method? */
  #matchesPath(path: string): boolean {
    return (
      this.#router.matchesPath(path) ||
      this.#mounts.some((mount) => mount.path === "" || path.startsWith(`${mount.path}/`))
    );
  }

  #notFound(ctx: RequestContext, path: string): MaybePromise<OutgoingResponse> {
    // As FastAPI(root_path=…): a request that still carries the prefix is routed without it.
    // Tried only once nothing matched, so requests without the prefix pay nothing.
    const root = this.#host.rootPath;
    if (root !== "" && path.startsWith(`${root}/`) && ctx.rawPath.startsWith(`${root}/`)) {
      ctx.rawPath = ctx.rawPath.slice(root.length);
      return this.dispatch(ctx);
    }
    if (this.#host.redirectSlashes && path !== "/") {
      const toggled = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
      if (this.#matchesPath(toggled)) {
        // the decoded path's trailing slash may be written %2F
        const raw = path.endsWith("/")
          ? ctx.rawPath.replace(/(?:\/|%2F)$/i, "")
          : `${ctx.rawPath}/`;
        const location = slashRedirectLocation(ctx, raw, this.#host.trustedRedirectHosts);
        return { status: 307, headers: { location }, body: "" };
      }
    }
    return this.#host.handleError(ctx, new HTTPException(404), undefined);
  }
}

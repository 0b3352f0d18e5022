import { ConfigError } from "../errors/config-error.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import type { MaybePromise } from "../internal/types.js";
import { decodePath } from "../routing/index.js";

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

interface MountEntry<R> extends Mount {
  /** how many "/" the prefix has: the raw path is cut after as many segments */
  readonly depth: number;
  /** the routes declared before this mount: they win over it (Starlette's in-order matching) */
  readonly routesBefore: ReadonlySet<R>;
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

/** An app's mounts, in declaration order. */
export class MountTable<R> {
  readonly #entries: MountEntry<R>[] = [];

  get size(): number {
    return this.#entries.length;
  }

  get list(): readonly Mount[] {
    return this.#entries;
  }

  add(path: string, app: Mountable, name: string | undefined, routesBefore: Iterable<R>): void {
    const prefix = normalizePrefix(path);
    this.#entries.push({
      path: prefix,
      app,
      name,
      depth: prefix.split("/").length - 1,
      routesBefore: new Set(routesBefore),
    });
  }

  /** does some mount take this decoded path? (for slash redirects) */
  matchesPath(path: string): boolean {
    return this.#entries.some((entry) => entry.path === "" || path.startsWith(`${entry.path}/`));
  }

  /**
   * The mount that answers `path`, given the route the router found for it (if any): the
   * first mount whose prefix holds the path, unless that route was declared before it.
   * On a match the context is moved into the mount: `rawPath`/`path` lose the prefix and
   * `rootPath` gains it.
   */
  enter(ctx: RequestContext, path: string, route: R | undefined): Mountable | undefined {
    for (const entry of this.#entries) {
      if (entry.path !== "" && !path.startsWith(`${entry.path}/`)) continue;
      if (route !== undefined && entry.routesBefore.has(route)) return undefined;
      const raw = ctx.rawPath;
      let cut = 0;
      for (let n = 0; n < entry.depth && cut !== -1; n++) cut = raw.indexOf("/", cut + 1);
      // an encoded "/" inside the prefix's segments: the raw and decoded paths disagree
      if (cut === -1 || decodePath(raw.slice(0, cut) || "/") !== (entry.path || "/")) {
        return undefined;
      }
      ctx.rawPath = raw.slice(cut);
      ctx.path = path.slice(entry.path.length);
      ctx.rootPath += entry.path;
      return entry.app;
    }
    return undefined;
  }

  async startup(): Promise<void> {
    for (const entry of this.#entries) await entry.app.startup?.();
  }

  async shutdown(): Promise<void> {
    for (const entry of [...this.#entries].reverse()) await entry.app.shutdown?.();
  }
}

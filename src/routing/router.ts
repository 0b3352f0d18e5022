import { parsePathTemplate } from "./path-template.js";
import { type RouteEntry, SegmentTree } from "./segment-tree.js";
import type { LookupResult, PathTemplate, RouteMatch } from "./types.js";

/** An HTTP method is a token (RFC 9110 §5.6.2). */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

interface StoredRoute<T> extends RouteEntry<T> {
  /** Prebuilt answer for a template without params: a static hit allocates nothing. */
  readonly staticResult: { readonly match: RouteMatch<T> } | null;
}

/** The routes of one method (or of all methods): an exact-path map plus a segment tree. */
class MethodTable<T> {
  readonly statics = new Map<string, StoredRoute<T>>();
  readonly tree = new SegmentTree<T>();

  add(template: PathTemplate, route: StoredRoute<T>): void {
    if (!template.isStatic) {
      this.tree.insert(template, route);
      return;
    }
    // Every route already in the tree was declared before this one. If one of them matches this
    // exact path it always wins, so the static route can never be reached; otherwise it always
    // wins over the tree, and an exact-path hit needs no tree search at all.
    const path = template.template;
    if (!this.statics.has(path) && this.tree.search(path, route.index) === null) {
      this.statics.set(path, route);
    }
  }

  /** The earliest route matching `path`, or null. */
  find(path: string): StoredRoute<T> | null {
    const exact = this.statics.get(path);
    if (exact !== undefined) return exact;
    return this.tree.search(path, Number.POSITIVE_INFINITY) as StoredRoute<T> | null;
  }
}

/**
 * Maps (method, path) to the first-registered matching route, FastAPI/Starlette style:
 * registration order decides, not specificity.
 *
 * @example
 * const router = new Router<string>();
 * router.add(["GET"], "/users/{id}", "user");
 * router.lookup("GET", "/users/42"); // { match: { value: "user", params: { id: "42" } } }
 * router.lookup("POST", "/users/42"); // { allow: ["GET"] }
 */
export class Router<T> {
  readonly #byMethod = new Map<string, MethodTable<T>>();
  /** Every route whatever its methods: answers "does anything match this path?". */
  readonly #anyMethod = new MethodTable<T>();
  #count = 0;

  /** Registers `value` for `methods` on `template`; throws if the template is malformed. */
  add(methods: readonly string[], template: string, value: T): void {
    if (methods.length === 0) {
      throw new Error(`Route "${template}" has no HTTP methods; give at least one, e.g. ["GET"].`);
    }
    for (const method of methods) {
      if (!HTTP_TOKEN.test(method)) {
        throw new Error(
          `Route "${template}" has an invalid HTTP method ${JSON.stringify(method)}.`,
        );
      }
    }
    const parsed = parsePathTemplate(template);
    const route: StoredRoute<T> = {
      index: this.#count++,
      value,
      paramNames: parsed.paramNames,
      staticResult: parsed.isStatic
        ? Object.freeze({ match: Object.freeze({ value, params: Object.freeze({}) }) })
        : null,
    };
    const tables = [this.#anyMethod];
    for (const method of new Set(methods.map((name) => name.toUpperCase()))) {
      let table = this.#byMethod.get(method);
      if (table === undefined) {
        table = new MethodTable<T>();
        this.#byMethod.set(method, table);
      }
      tables.push(table);
    }
    for (const table of tables) table.add(parsed, route);
  }

  /**
   * The first route matching `path` (already decoded, see decodePath) and `method`;
   * else the sorted methods of every route matching the path (405); else null (404).
   */
  lookup(method: string, path: string): LookupResult<T> {
    if (path.charCodeAt(0) !== 47 /* "/" */) return null;
    const table = this.#byMethod.get(method);
    if (table !== undefined) {
      const route = table.find(path);
      if (route !== null) {
        if (route.staticResult !== null) return route.staticResult;
        return { match: { value: route.value, params: readParams(table.tree, route) } };
      }
    }
    if (this.#anyMethod.find(path) === null) return null;
    const allow: string[] = [];
    for (const [name, other] of this.#byMethod) {
      if (other.find(path) !== null) allow.push(name);
    }
    return { allow: allow.sort() };
  }

  /** Whether any route matches `path`, whatever its method (used for trailing-slash redirects). */
  matchesPath(path: string): boolean {
    return path.charCodeAt(0) === 47 /* "/" */ && this.#anyMethod.find(path) !== null;
  }
}

function readParams<T>(tree: SegmentTree<T>, route: RouteEntry<T>): Record<string, string> {
  const params: Record<string, string> = {};
  const names = route.paramNames;
  for (let i = 0; i < names.length; i++) params[names[i]!] = tree.capturedValue(i);
  return params;
}

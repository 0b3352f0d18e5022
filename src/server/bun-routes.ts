import type { NativeRoute } from "../http/servable.js";

/** A handler of Bun.serve's `routes`: the Request, and the server (as `fetch` gets them). */
export type BunRouteHandler<TServer> = (
  request: Request,
  server: TServer,
) => Response | Promise<Response | undefined>;

/** Bun.serve's `routes` option: one object of handlers by method per path. */
export type BunRoutes<TServer> = Record<string, Record<string, BunRouteHandler<TServer>>>;

/** the methods Bun's router dispatches by name; a route's other methods reach `fetch` */
const BUN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** a literal segment Bun compares as it arrives: unreserved characters only (no ":" or "*") */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const WHOLE_PARAM = /^\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/**
 * A Tailor template as a Bun route path, or null when Bun's router could read it otherwise than
 * Tailor's does: params become positional (`{item_id}` -> `:p0`, so "/a/{x}" and "/a/{y}"
 * share one Bun path); converters (`{id:int}`, `{p:path}`), params inside a segment
 * (`/v{n}`), "." and ".." segments, empty segments but a trailing one, and literals outside
 * the characters a request path carries unencoded stay with the fetch fallback.
 *
 * @example bunRoutePath("/items/{item_id}") // "/items/:p0"
 */
export function bunRoutePath(template: string): string | null {
  if (template === "/") return "/";
  if (!template.startsWith("/")) return null;
  const segments = template.slice(1).split("/");
  let params = 0;
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === "" && i === segments.length - 1 && i > 0) out.push("");
    else if (WHOLE_PARAM.test(segment)) out.push(`:p${params++}`);
    else if (PLAIN_SEGMENT.test(segment) && segment !== "." && segment !== "..") out.push(segment);
    else return null;
  }
  return `/${out.join("/")}`;
}

/**
 * Bun.serve `routes` for an app's routes, in declaration order (the first route to claim a
 * path and method keeps it). A method routing found for the exact path (`routed`) gets
 * `answerRouted`, which skips the app's own matching; any other gets `answer`, the full
 * pipeline, as `fetch` would. Every path answers HEAD itself: Bun would otherwise run its GET
 * handler for a HEAD, where the app answers 405 unless a route declares HEAD.
 */
export function bunRoutes<TServer>(
  routes: readonly NativeRoute[],
  answer: BunRouteHandler<TServer>,
  answerRouted: (path: string, routed: unknown) => BunRouteHandler<TServer>,
): BunRoutes<TServer> {
  const table: BunRoutes<TServer> = {};
  for (const route of routes) {
    const path = bunRoutePath(route.path);
    if (path === null) continue;
    const methods = (table[path] ??= {});
    for (const method of route.methods) {
      if (!BUN_METHODS.has(method) || methods[method] !== undefined) continue;
      const routed = route.routed?.get(method);
      methods[method] = routed === undefined ? answer : answerRouted(route.path, routed);
    }
  }
  for (const methods of Object.values(table)) methods.HEAD ??= answer;
  return table;
}

import type { RouteRecord } from "./route-record.js";

/** Starlette's `NoMatchFound`: no route has the name, or none takes exactly these path params. */
export class NoMatchFound extends Error {
  constructor(name: string, params: readonly string[]) {
    super(`No route exists for name "${name}" and params "${params.join(", ")}".`);
    this.name = "NoMatchFound";
  }
}

// "{item_id}" or "{file_path:path}"
const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)(?::(\w+))?\}/g;

/** A value as it goes into its segment: percent-encoded, slashes kept for a `:path` param. */
function encodeParam(value: string | number, converter: string | undefined): string {
  const text = String(value);
  return converter === "path"
    ? text.split("/").map(encodeURIComponent).join("/")
    : encodeURIComponent(text);
}

function templateParams(path: string): string[] {
  return [...path.matchAll(PARAM)].map((m) => m[1]!);
}

/**
 * The path of the first route named `name` whose template takes exactly the given params, as
 * Starlette's `url_path_for` (without the root path); throws `NoMatchFound` otherwise.
 * @example urlPathFor(app.routes, "read_item", { item_id: 3 }) // "/items/3"
 */
export function urlPathFor(
  routes: readonly RouteRecord[],
  name: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const given = Object.keys(params).sort();
  for (const route of routes) {
    if (route.name !== name) continue;
    const expected = templateParams(route.path).sort();
    if (expected.length !== given.length || expected.some((key, i) => key !== given[i])) continue;
    return route.path.replace(PARAM, (_all, key: string, converter: string | undefined) =>
      encodeParam(params[key]!, converter),
    );
  }
  throw new NoMatchFound(name, Object.keys(params));
}

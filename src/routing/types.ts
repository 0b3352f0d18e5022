/** The route found for a request, with its decoded path parameters. */
export interface RouteMatch<T> {
  readonly value: T;
  readonly params: Record<string, string>;
}

/**
 * What a lookup answers:
 * - `{ match }`: the first-declared route whose template matches the path and accepts the method;
 * - `{ allow }`: routes match the path but none accepts the method (405), `allow` lists every
 *   method of every route matching that path, sorted;
 * - `null`: nothing matches the path (404, or a trailing-slash redirect).
 */
export type LookupResult<T> =
  | { readonly match: RouteMatch<T> }
  | { readonly allow: string[] }
  | null;

/**
 * One "/"-separated piece of a parsed path template:
 * - `static`: literal text (may be empty: "/" and the end of "/slash/" are empty segments);
 * - `param`: a whole segment `{name}`, one non-empty segment;
 * - `pattern`: a segment mixing text and params, or a param with a converter (`/files/{name}.json`,
 *   `/v{version}`, `{id:int}`), matched by `regex` whose groups are the params in order;
 * - `catchAll`: `{name:path}`, always the last segment; it takes the rest of the path, slashes
 *   included, and may be empty. `regex` is null when the segment is the param alone, else it is
 *   matched against the rest of the path (`/dl-{p:path}`).
 */
export type TemplateSegment =
  | { readonly kind: "static"; readonly text: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "pattern"; readonly names: readonly string[]; readonly regex: RegExp }
  | {
      readonly kind: "catchAll";
      readonly names: readonly string[];
      readonly regex: RegExp | null;
    };

/** A path template such as "/items/{id}" or "/files/{p:path}", parsed once at registration. */
export interface PathTemplate {
  /** The template as written. */
  readonly template: string;
  /** The OpenAPI form, converters removed: "/files/{p:path}" -> "/files/{p}". */
  readonly openApiPath: string;
  /** Path parameter names in template order. */
  readonly paramNames: string[];
  /** The segments after the leading "/": "/items/{id}" -> [static "items", param "id"]. */
  readonly segments: readonly TemplateSegment[];
  /** True when the template has no parameters, so it matches exactly one path. */
  readonly isStatic: boolean;
}

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
export type LookupResult<T> = { readonly match: RouteMatch<T> } | { readonly allow: string[] } | null;

// Type-only: what `App` and `APIRouter` remember about their routes so `createClient<typeof app>`
// can type calls without generating code. Nothing here exists at run time.

/** The key the route types sit under on a registry's type; no value is ever stored there. */
declare const ROUTES: unique symbol;

/** One declared route: its options (`params`, `response`, `responses`, `status`) and what its handler returns. */
export interface RouteType<TSpec, TResult> {
  spec: TSpec;
  result: TResult;
}

/** A registry's type carries its routes by "METHOD path": `{ "GET /items/{item_id}": RouteType<…> }`. */
export interface RouteTypes<TRoutes> {
  readonly [ROUTES]: TRoutes;
}

/**
 * What a route method returns: the registry itself, typed with one more route. Each route adds
 * one member to an intersection, so a chain of N routes costs N small object types (no
 * re-instantiation of the class, no recursive merge).
 */
export type WithRoute<TSelf, TMethod extends string, TPath extends string, TSpec, TResult> = TSelf &
  RouteTypes<{ [K in `${TMethod} ${TPath}`]: RouteType<TSpec, TResult> }>;

/** Every route a registry (or an app) declared so far, by "METHOD path"; `{}` when none. */
export type RoutesOf<TRegistry> = TRegistry extends RouteTypes<infer TRoutes> ? TRoutes : {};

/** "GET /items" with prefix "/v1" -> "GET /v1/items" */
export type PrefixRoutes<TRoutes, TPrefix extends string> = TPrefix extends ""
  ? TRoutes
  : {
      [K in keyof TRoutes as K extends `${infer TMethod} ${infer TPath}`
        ? `${TMethod} ${TPrefix}${TPath}`
        : never]: TRoutes[K];
    };

/** The routes an included router adds: its own prefix, then the include call's. */
export type IncludedRoutes<TRouter, TPrefix extends string> = PrefixRoutes<
  PrefixRoutes<
    RoutesOf<TRouter>,
    TRouter extends { readonly prefix: infer P extends string } ? P : ""
  >,
  TPrefix
>;

/** `this` with an included router's routes added. */
export type WithRouter<TSelf, TRouter, TPrefix extends string> =
  {} extends RoutesOf<TRouter> ? TSelf : TSelf & RouteTypes<IncludedRoutes<TRouter, TPrefix>>;

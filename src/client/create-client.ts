import type { RoutesOf } from "../app/route-map.js";
import type { HttpMethod, InitArgs, InitOf, PathsOf, ResultOf } from "./infer.js";
import { type CallInit, fillPath, queryString, requestBody, requestHeaders } from "./request.js";
import { readJsonLines, readServerSentEvents } from "./streams.js";

export interface ClientOptions {
  /** where the app is served, e.g. "http://127.0.0.1:8000" (with its root path, if any) */
  baseUrl: string;
  /** any fetch-compatible function: `globalThis.fetch` (default), `app.fetch`, `testClient.fetch` */
  fetch?: (request: Request) => Promise<Response>;
  /** headers sent with every call (a call's own headers replace those of the same name) */
  headers?: HeadersInit;
}

type RouteAt<
  TRoutes,
  TMethod extends string,
  TPath extends string,
> = TRoutes[`${TMethod} ${TPath}` & keyof TRoutes];

type RoutesOfClient<TClient> = TClient extends Client<infer TRoutes> ? TRoutes : never;

/**
 * One HTTP method of the client: the paths declared with it, each with its own inputs and result.
 * The routes are read from the receiver (`this: TSelf`, inferred from `client`) rather than from
 * `TRoutes`: TypeScript re-instantiates a call's parameter types several times while it infers
 * `TPath`, and a type parameter is a lookup where the route map (an intersection with a member
 * per route) would be walked each time (bench/types: ~10,800 instantiations per call before,
 * ~700 after).
 * So call the methods on the client (`client.GET(…)`), not detached.
 */
export type ClientMethod<TRoutes, TMethod extends HttpMethod> = <
  TPath extends PathsOf<TRoutes, TMethod>,
  TSelf,
>(
  this: TSelf,
  path: TPath,
  ...init: InitArgs<InitOf<TPath, RouteAt<RoutesOfClient<TSelf>, TMethod, TPath>>>
) => Promise<ResultOf<RouteAt<RoutesOfClient<TSelf>, TMethod, TPath>>>;

/** A client typed by an app's routes: `client.GET("/items/{item_id}", { params: … })`. */
export interface Client<TRoutes> {
  GET: ClientMethod<TRoutes, "GET">;
  POST: ClientMethod<TRoutes, "POST">;
  PUT: ClientMethod<TRoutes, "PUT">;
  PATCH: ClientMethod<TRoutes, "PATCH">;
  DELETE: ClientMethod<TRoutes, "DELETE">;
  OPTIONS: ClientMethod<TRoutes, "OPTIONS">;
  HEAD: ClientMethod<TRoutes, "HEAD">;
  TRACE: ClientMethod<TRoutes, "TRACE">;
}

const STREAMED = /^(?:text\/event-stream|application\/(?:jsonl|x-ndjson|json-lines))\b/;

/** A 2xx body: JSON, a stream of events or lines (read as it arrives), text, or a Blob. */
async function readData(response: Response, method: string): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (response.body === null || method === "HEAD" || response.status === 204) {
    await response.body?.cancel();
    return undefined;
  }
  if (STREAMED.test(type)) {
    return type.startsWith("text/event-stream")
      ? readServerSentEvents(response.body)
      : readJsonLines(response.body);
  }
  if (type.includes("json")) {
    const text = await response.text();
    return text === "" ? undefined : JSON.parse(text);
  }
  if (type.startsWith("text/") || type === "") return response.text();
  return response.blob();
}

/** An error body: JSON when it parses (`{"detail": …}`), else its text. */
async function readError(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function call(
  options: ClientOptions,
  method: HttpMethod,
  path: string,
  init: CallInit = {},
): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const { params, body: _body, form: _form, headers: _headers, ...rest } = init;
  const base = options.baseUrl.endsWith("/") ? options.baseUrl.slice(0, -1) : options.baseUrl;
  const url = `${base}${fillPath(path, params?.path)}${queryString(params?.query)}`;
  const headers = requestHeaders(options.headers, init);
  const body = requestBody(init, headers);
  const request = new Request(url, { ...rest, method, headers, body });
  const response = await (options.fetch ?? globalThis.fetch)(request);
  if (response.ok) return { data: await readData(response, method), response };
  return { error: await readError(response), response };
}

/**
 * A client typed by the app's routes, with no generated code: paths, params, bodies, results and
 * declared errors come from `typeof app`. The app declares its routes in a chain (or in routers
 * included in one) so its type carries them.
 *
 * @example
 * const client = createClient<typeof app>({ baseUrl: "http://127.0.0.1:8000" });
 * const { data, error } = await client.GET("/items/{item_id}", { params: { path: { item_id: 3 } } });
 */
export function createClient<TApp>(options: ClientOptions): Client<RoutesOf<TApp>> {
  const bind = (method: HttpMethod) => (path: string, init?: CallInit) =>
    call(options, method, path, init);
  return {
    GET: bind("GET"),
    POST: bind("POST"),
    PUT: bind("PUT"),
    PATCH: bind("PATCH"),
    DELETE: bind("DELETE"),
    OPTIONS: bind("OPTIONS"),
    HEAD: bind("HEAD"),
    TRACE: bind("TRACE"),
  } as never; // the precise per-route signatures are type-only (infer.ts)
}

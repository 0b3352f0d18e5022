import type { DependsMarker, ParamsShape } from "../dependencies/dependency.js";
import type { ArgsOf } from "../dependencies/infer.js";
import type { RequestContext } from "../http/context.js";
import type { MaybePromise } from "../internal/types.js";
import type { WebSocket } from "./connection.js";

/** Everything a WebSocket route declaration may say (app-wide defaults: `new App({ websocket })`). */
export interface WebSocketRouteOptions<TParams extends ParamsShape = ParamsShape> {
  /** path, query, header and cookie params and `Depends(dep)`, validated before the handler runs */
  params?: TParams;
  /** dependencies run for their effect only (auth checks), before the params' own */
  dependencies?: readonly DependsMarker[];
  /** largest accepted message in bytes (default: the app's, 16 MiB); larger closes with 1009 */
  maxMessageSize?: number;
  /** ms between keep-alive pings (default: the app's, 20,000); 0 turns them off */
  pingInterval?: number;
  /** unread messages queued before the socket stops reading from the peer (default 64) */
  receiveQueue?: number;
  /** the route's name in logs (default: the handler function's name) */
  name?: string;
}

/** App-wide WebSocket defaults, overridden per route. */
export type WebSocketDefaults = Pick<
  WebSocketRouteOptions,
  "maxMessageSize" | "pingInterval" | "receiveQueue"
>;

type ParamsOf<TSpec> = TSpec extends { params: infer TParams } ? TParams : {};

/** A WebSocket handler: `(ws, args, ctx)`, with `args` inferred from the path and `params`. */
export type WebSocketHandler<TPath extends string, TSpec> = (
  ws: WebSocket,
  args: ArgsOf<TPath, ParamsOf<TSpec>>,
  ctx: RequestContext,
) => MaybePromise<void>;

/** A WebSocket route as declared, before an including router's prefix and dependencies. */
export interface WebSocketDeclaration {
  path: string;
  options: WebSocketRouteOptions;
  handler: (ws: WebSocket, args: any, ctx: RequestContext) => unknown;
  dependencies: DependsMarker[];
  site: Error;
}

/** Applies an `includeRouter` call's prefix and dependencies to a WebSocket declaration. */
export function inheritWebSocket(
  declaration: WebSocketDeclaration,
  include: { prefix?: string; dependencies?: readonly DependsMarker[] },
): WebSocketDeclaration {
  return {
    ...declaration,
    path: `${include.prefix ?? ""}${declaration.path}`,
    dependencies: [...(include.dependencies ?? []), ...declaration.dependencies],
  };
}

/** A declaration from `websocket(path, options, handler)`. */
export function declareWebSocket(
  path: string,
  options: WebSocketRouteOptions,
  handler: WebSocketDeclaration["handler"],
): WebSocketDeclaration {
  return {
    path,
    options,
    handler,
    dependencies: [...(options.dependencies ?? [])],
    site: new Error("WebSocket route declared here"),
  };
}

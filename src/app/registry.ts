import type { DependsMarker, ParamsShape } from "../dependencies/dependency.js";
import type { ArgsOf } from "../dependencies/infer.js";
import type { RequestContext } from "../http/context.js";
import type { MaybePromise } from "../internal/types.js";
import type { Response } from "../responses/response.js";
import type { ServerSentEvent } from "../responses/streaming.js";
import type { StandardSchemaV1 } from "../schema/index.js";
import {
  declareWebSocket,
  type WebSocketHandler,
  type WebSocketRouteOptions,
} from "../websocket/declaration.js";
import type { WebSocketDeclaration } from "../websocket/index.js";
import { type EventHandler, EventHandlers, type LifespanEvent } from "./event-handlers.js";
import type { WithRoute } from "./route-map.js";
import type { ExtraResponse, ResponseClass, RouteOptions } from "./route-options.js";

type ParamsOf<TSpec> = TSpec extends { params: infer TParams } ? TParams : {};

/** What a generator handler yields: each item is one JSON Lines line (or one server-sent event). */
type ItemStream<TItem> =
  | AsyncGenerator<TItem, unknown, unknown>
  | Generator<TItem, unknown, unknown>;

/**
 * With a `response` schema the handler must return what it accepts (or a Response); a generator
 * handler yields items it accepts.
 */
export type ReturnOf<TSpec> = TSpec extends { response: infer TSchema extends StandardSchemaV1 }
  ?
      | StandardSchemaV1.InferInput<TSchema>
      | Response
      | ItemStream<StandardSchemaV1.InferInput<TSchema> | ServerSentEvent>
  : unknown;

/** A route handler: its arguments are inferred from the path and `params`, never annotated. */
export type Handler<TPath extends string, TSpec, TResult = MaybePromise<ReturnOf<TSpec>>> = (
  args: ArgsOf<TPath, ParamsOf<TSpec>>,
  ctx: RequestContext,
) => TResult;

/** A route as declared, before prefixes and inherited options are applied. */
export interface RouteDeclaration {
  methods: string[];
  path: string;
  options: RouteOptions;
  handler: (args: any, ctx: RequestContext) => unknown;
  tags: string[];
  dependencies: DependsMarker[];
  responses: Record<string, ExtraResponse>;
  /** captured at declaration; formatted only when a log needs the location */
  site: Error;
}

export interface IncludeOptions {
  prefix?: string;
  tags?: readonly string[];
  dependencies?: readonly DependsMarker[];
  responses?: Record<string | number, ExtraResponse>;
  /** marks every route deprecated in OpenAPI */
  deprecated?: boolean;
  /** false: every route is served but left out of the OpenAPI document */
  includeInSchema?: boolean;
  /** the `responseClass` of every route that sets none */
  defaultResponseClass?: ResponseClass;
}

function stringKeys(responses: Record<string | number, ExtraResponse> | undefined) {
  const out: Record<string, ExtraResponse> = {};
  if (responses) for (const key of Object.keys(responses)) out[String(key)] = responses[key]!;
  return out;
}

/**
 * The route-declaring methods shared by `App` and `APIRouter`. Each returns the registry typed
 * with the route added (route-map.ts). The receiver is the `TSelf` type parameter rather than
 * `this`: TypeScript instantiates a call's return type several times while inferring the
 * handler, and `this` (an intersection growing by one member per chained route) would be walked
 * each time; a type parameter is a lookup (bench/types' 200 chained routes: 190k instantiations
 * before, 134k after; 130k unchained).
 */
export abstract class RouteRegistry {
  protected abstract addDeclaration(declaration: RouteDeclaration): void;
  protected abstract addWebSocket(declaration: WebSocketDeclaration): void;
  /** the `onEvent` hooks; an app runs them with its lifespan, a router hands them to its includer */
  readonly eventHandlers = new EventHandlers();

  /**
   * FastAPI's `on_event`: a hook run at startup (after the lifespan's startup) or at shutdown
   * (before the code after the lifespan's `yield`), in registration order. A throwing startup
   * hook fails startup.
   * @example app.onEvent("startup", async () => { cache.warm = await loadCache(); });
   */
  onEvent(event: LifespanEvent, handler: EventHandler): this {
    this.eventHandlers.add(event, handler);
    return this;
  }

  /**
   * A WebSocket route: params are validated from the handshake (invalid → close 1008) and
   * dependencies solved before the handler runs; generator dependencies close after the socket.
   * @example app.websocket("/ws/{room}", { params: { token: Query(z.string()) } }, async (ws, { room, token }) => { await ws.accept(); await ws.sendJson({ room }); })
   */
  websocket<const TPath extends string, const TSpec extends WebSocketRouteOptions<ParamsShape>>(
    path: TPath,
    options: TSpec,
    handler: WebSocketHandler<TPath, TSpec>,
  ): this {
    this.addWebSocket(declareWebSocket(path, options, handler as WebSocketDeclaration["handler"]));
    return this;
  }

  /** @example app.apiRoute("/any", { methods: ["GET", "PUT"] }, () => ({ ok: true })) */
  apiRoute<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    const TMethods extends readonly string[],
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec & { methods: TMethods },
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, Uppercase<TMethods[number]>, TPath, TSpec, TResult> {
    const { methods, ...rest } = options;
    this.declare(
      methods.map((m) => m.toUpperCase()),
      path,
      rest,
      handler as RouteDeclaration["handler"],
    );
    return this as never; // the route map is type-only (route-map.ts)
  }

  protected declare(
    methods: string[],
    path: string,
    options: RouteOptions,
    handler: RouteDeclaration["handler"],
  ): void {
    this.addDeclaration({
      methods,
      path,
      options,
      handler,
      tags: [...(options.tags ?? [])],
      dependencies: [...(options.dependencies ?? [])],
      responses: stringKeys(options.responses),
      site: new Error("route declared here"),
    });
  }

  /** @example app.get("/items/{item_id}", { params: { item_id: Path(z.number().int()) } }, ({ item_id }) => ({ item_id })) */
  get<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "GET", TPath, TSpec, TResult> {
    this.declare(["GET"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }

  post<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "POST", TPath, TSpec, TResult> {
    this.declare(["POST"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }

  put<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "PUT", TPath, TSpec, TResult> {
    this.declare(["PUT"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }

  patch<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "PATCH", TPath, TSpec, TResult> {
    this.declare(["PATCH"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }

  delete<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "DELETE", TPath, TSpec, TResult> {
    this.declare(["DELETE"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }

  options<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "OPTIONS", TPath, TSpec, TResult> {
    this.declare(["OPTIONS"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }

  head<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "HEAD", TPath, TSpec, TResult> {
    this.declare(["HEAD"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }

  trace<
    TSelf extends RouteRegistry,
    const TPath extends string,
    const TSpec extends RouteOptions<ParamsShape>,
    TResult extends MaybePromise<ReturnOf<TSpec>>,
  >(
    this: TSelf,
    path: TPath,
    options: TSpec,
    handler: Handler<TPath, TSpec, TResult>,
  ): WithRoute<TSelf, "TRACE", TPath, TSpec, TResult> {
    this.declare(["TRACE"], path, options, handler as RouteDeclaration["handler"]);
    return this as never; // the route map is type-only (route-map.ts)
  }
}

/**
 * Applies an `includeRouter` call's prefix, tags, dependencies, responses and route defaults to a
 * declaration: as FastAPI, a route is deprecated if it or a router says so, documented only if it
 * and every router allow it, and rendered by its own `responseClass` before a router's default.
 */
export function inherit(declaration: RouteDeclaration, include: IncludeOptions): RouteDeclaration {
  let options = declaration.options;
  if (include.deprecated && !options.deprecated) options = { ...options, deprecated: true };
  if (include.includeInSchema === false && options.includeInSchema !== false) {
    options = { ...options, includeInSchema: false };
  }
  if (include.defaultResponseClass !== undefined && options.responseClass === undefined) {
    options = { ...options, responseClass: include.defaultResponseClass };
  }
  return {
    ...declaration,
    options,
    path: `${include.prefix ?? ""}${declaration.path}`,
    tags: [...(include.tags ?? []), ...declaration.tags],
    dependencies: [...(include.dependencies ?? []), ...declaration.dependencies],
    responses: { ...stringKeys(include.responses), ...declaration.responses },
  };
}

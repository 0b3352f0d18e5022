import type { MaybePromise } from "../internal/types.js";
import type { RequestContext } from "./context.js";
import type { OutgoingResponse } from "./outgoing.js";
import type { WebSocketTransport } from "./websocket-transport.js";

/**
 * One of an app's HTTP routes, as a runtime's own router can take it (Bun.serve `routes`).
 * `routed` holds, per method, what the app's routing answers for the template's one exact path
 * (a template without params): set it as `ctx.routed` for a request the runtime matched to
 * that path and the app skips decoding and matching it again.
 */
export interface NativeRoute {
  /** the route's template: "/items/{item_id}" */
  readonly path: string;
  /** uppercase methods the route answers */
  readonly methods: readonly string[];
  /** by method; absent for a template with params, or a method another route answers first */
  readonly routed: ReadonlyMap<string, unknown> | undefined;
}

/** What the adapters need of an app: the pipeline, and somewhere to log. */
export interface Servable {
  /** a synchronous route may answer without a promise */
  handle(ctx: RequestContext): MaybePromise<OutgoingResponse>;
  /**
   * true: a route that answers later may send its answer through `ctx.sink` itself (and set
   * `ctx.sinkTaken`) instead of through the promise `handle` returns; an App does, a handler
   * object that wraps one and edits its answer must not
   */
  readonly answersThroughSink?: boolean;
  /** runs a WebSocket handshake (absent: upgrade requests are refused) */
  handleWebSocket?(ctx: RequestContext, transport: WebSocketTransport): Promise<void>;
  /** the largest WebSocket message a route accepts (absent: 16 MiB, the routes' default) */
  webSocketMessageLimit?(): number;
  /** the HTTP routes a runtime's router may match before the app does (absent: none) */
  nativeRoutes?(): readonly NativeRoute[];
  startup(): Promise<void>;
  shutdown(): Promise<void>;
  readonly logger: { error(message: string, error?: unknown): void };
}

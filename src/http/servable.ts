import type { MaybePromise } from "../internal/types.js";
import type { RequestContext } from "./context.js";
import type { OutgoingResponse } from "./outgoing.js";
import type { WebSocketTransport } from "./websocket-transport.js";

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
  startup(): Promise<void>;
  shutdown(): Promise<void>;
  readonly logger: { error(message: string, error?: unknown): void };
}

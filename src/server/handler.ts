import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import type { WebSocketTransport } from "../http/websocket-transport.js";
import type { MaybePromise } from "../internal/types.js";

/** What the adapters need of an app: the pipeline, and somewhere to log. */
export interface Servable {
  /** a synchronous route may answer without a promise */
  handle(ctx: RequestContext): MaybePromise<OutgoingResponse>;
  /** runs a WebSocket handshake (absent: upgrade requests are refused) */
  handleWebSocket?(ctx: RequestContext, transport: WebSocketTransport): Promise<void>;
  startup(): Promise<void>;
  shutdown(): Promise<void>;
  readonly logger: { error(message: string, error?: unknown): void };
}

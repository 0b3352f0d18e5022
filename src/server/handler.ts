import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";

/** What the adapters need of an app: the pipeline, and somewhere to log. */
export interface Servable {
  handle(ctx: RequestContext): Promise<OutgoingResponse>;
  startup(): Promise<void>;
  shutdown(): Promise<void>;
  readonly logger: { error(message: string, error?: unknown): void };
}

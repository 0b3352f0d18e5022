import { DEFAULT_KEEP_ALIVE, withKeepAlive } from "./keep-alive.js";
import { mapItems } from "./map-items.js";
import { encodeJson, Response, type ResponseBody, type ResponseInit } from "./response.js";

type Chunk = string | Uint8Array;

/**
 * Streams what an (async) iterable produces, chunk by chunk, without a content-length.
 * @example return new StreamingResponse(tokens(), { mediaType: "text/plain" });
 */
export class StreamingResponse extends Response {
  constructor(content: AsyncIterable<Chunk> | Iterable<Chunk>, init: ResponseInit = {}) {
    super(content, init);
  }

  protected override render(content: unknown): ResponseBody {
    const iterable = content as AsyncIterable<Chunk> | Iterable<Chunk>;
    if (Symbol.asyncIterator in iterable) return iterable as AsyncIterable<Chunk>;
    return (async function* () {
      yield* iterable as Iterable<Chunk>;
    })();
  }
}

/** One server-sent event; fields are written in FastAPI's order: comment, event, data, id, retry. */
export class ServerSentEvent {
  readonly data?: unknown;
  /** sent verbatim (`data: [DONE]`) instead of JSON-encoded */
  readonly rawData?: string;
  readonly event?: string;
  readonly id?: string;
  readonly retry?: number;
  readonly comment?: string;

  constructor(fields: {
    data?: unknown;
    rawData?: string;
    event?: string;
    id?: string | number;
    retry?: number;
    comment?: string;
  }) {
    Object.assign(this, fields);
    if (fields.id !== undefined) this.id = String(fields.id);
  }
}

function lines(field: string, text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `${field}: ${line}\n`)
    .join("");
}

/** A value or a ServerSentEvent -> its `text/event-stream` frame. */
export function formatEvent(item: unknown): string {
  if (!(item instanceof ServerSentEvent)) return `data: ${encodeJson(item)}\n\n`;
  let frame = "";
  if (item.comment !== undefined) frame += lines("", item.comment).replace(/^: /gm, ": ");
  if (item.event !== undefined) frame += `event: ${item.event}\n`;
  if (item.rawData !== undefined) frame += lines("data", item.rawData);
  else if (item.data !== undefined) frame += `data: ${encodeJson(item.data)}\n`;
  if (item.id !== undefined) frame += `id: ${item.id}\n`;
  if (item.retry !== undefined) frame += `retry: ${item.retry}\n`;
  return `${frame}\n`;
}

export interface EventStreamInit {
  /** ms of silence after which a `: ping` comment is sent (default 15,000; 0: never) */
  keepAlive?: number;
}

/**
 * Server-sent events: each item of the iterable becomes `data: <compact JSON>`, or the frame a
 * `ServerSentEvent` describes. Sends `cache-control: no-cache` and `x-accel-buffering: no`,
 * and a `: ping` comment after `keepAlive` ms without an event.
 *
 * @example return new EventSourceResponse((async function* () { yield { token: "Hel" }; yield new ServerSentEvent({ rawData: "[DONE]" }); })());
 */
export class EventSourceResponse<TEvent = unknown> extends Response {
  /** type-only: what each event is built from, so a typed client knows what it receives */
  declare readonly "~events"?: TEvent;

  constructor(
    events: AsyncIterable<TEvent> | Iterable<TEvent>,
    init: ResponseInit & EventStreamInit = {},
  ) {
    super(events, {
      ...init,
      headers: { "cache-control": "no-cache", "x-accel-buffering": "no", ...init.headers },
      mediaType: init.mediaType ?? "text/event-stream",
    });
    if (this.body !== null && typeof this.body === "object" && !(this.body instanceof Uint8Array))
      this.body = withKeepAlive(
        this.body as AsyncIterable<string>,
        init.keepAlive ?? DEFAULT_KEEP_ALIVE,
      );
  }

  protected override render(content: unknown): ResponseBody {
    return mapItems(content as AsyncIterable<unknown> | Iterable<unknown>, formatEvent);
  }
}

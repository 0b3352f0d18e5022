import { mapItems } from "./map-items.js";
import { EventSourceResponse, ServerSentEvent } from "./streaming.js";

/** True for `EventSourceResponse` and its subclasses. */
export function isEventSourceClass(responseClass: Function | undefined): boolean {
  return (
    responseClass !== undefined &&
    (responseClass === EventSourceResponse ||
      responseClass.prototype instanceof EventSourceResponse)
  );
}

/**
 * A generator handler's items as server-sent events: a plain item is validated by `checkItem`
 * (the route's item schema) and becomes the event's `data`; a `ServerSentEvent` keeps its
 * event, id, retry and comment, with its `data` validated the same way (`rawData` as is).
 */
export function eventItems(
  items: AsyncIterable<unknown> | Iterable<unknown>,
  checkItem: (item: unknown) => unknown,
): AsyncIterable<ServerSentEvent> {
  return mapItems(items, (item) => {
    if (!(item instanceof ServerSentEvent)) return new ServerSentEvent({ data: checkItem(item) });
    if (item.data === undefined || item.rawData !== undefined) return item;
    return new ServerSentEvent({ ...item, data: checkItem(item.data) });
  });
}

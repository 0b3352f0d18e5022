import { mapItems } from "./map-items.js";

/** A handler written as a generator function streams its items (FastAPI 0.134+ JSON Lines). */
export function isGeneratorFunction(fn: Function): boolean {
  const tag = Object.prototype.toString.call(fn);
  return tag === "[object AsyncGeneratorFunction]" || tag === "[object GeneratorFunction]";
}

/**
 * `{"a":1}`, `[1,2]` -> `{"a":1}\n[1,2]\n`: one rendered JSON document and a newline per item.
 * `renderItem` validates and filters an item through the route's response schema; when it
 * throws (an item that does not fit) the stream stops there and the error reaches the transport.
 */
export function jsonLines(
  items: AsyncIterable<unknown> | Iterable<unknown>,
  renderItem: (item: unknown) => string,
): AsyncIterable<string> {
  return mapItems(items, (item) => `${renderItem(item)}\n`);
}

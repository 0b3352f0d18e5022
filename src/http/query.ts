import { percentDecode } from "../internal/percent-decode.js";

/** Parsed query string: every key maps to all its values in order (a scalar param takes the last). */
export type QueryValues = Record<string, string[]>;

/** "+" is a space in a query string; then %-escapes are decoded as Python's unquote does. */
function decodeComponent(raw: string, start: number, end: number): string {
  const text = raw.slice(start, end);
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  return percentDecode(spaced);
}

/**
 * "a=1&b=&a=2&c" -> { a: ["1", "2"], b: [""], c: [""] } (blank values kept, like parse_qsl).
 * One pass with indexOf: no intermediate arrays of pairs.
 */
export function parseQuery(raw: string): QueryValues {
  const values: QueryValues = Object.create(null);
  const length = raw.length;
  let start = 0;
  while (start < length) {
    let end = raw.indexOf("&", start);
    if (end === -1) end = length;
    if (end > start) {
      const eq = raw.indexOf("=", start);
      const keyEnd = eq === -1 || eq > end ? end : eq;
      const key = decodeComponent(raw, start, keyEnd);
      const value = keyEnd === end ? "" : decodeComponent(raw, keyEnd + 1, end);
      const list = values[key];
      if (list === undefined) values[key] = [value];
      else list.push(value);
    }
    start = end + 1;
  }
  return values;
}

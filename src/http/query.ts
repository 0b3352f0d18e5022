/** Parsed query string: every key maps to all its values in order (a scalar param takes the last). */
export type QueryValues = Record<string, string[]>;

function decodeComponent(text: string): string {
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // invalid escapes stay as they are, as Python's unquote leaves them
    return spaced.replace(/%[0-9a-fA-F]{2}/g, (sequence) => {
      try {
        return decodeURIComponent(sequence);
      } catch {
        return sequence;
      }
    });
  }
}

/** "a=1&b=&a=2&c" -> { a: ["1", "2"], b: [""], c: [""] } (blank values kept, like parse_qsl). */
export function parseQuery(raw: string): QueryValues {
  const values: QueryValues = Object.create(null);
  if (raw.length === 0) return values;
  for (const pair of raw.split("&")) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf("=");
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : decodeComponent(pair.slice(eq + 1));
    const list = values[key];
    if (list === undefined) values[key] = [value];
    else list.push(value);
  }
  return values;
}

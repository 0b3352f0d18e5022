/** A byte range, both ends inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What a `Range` header asks of a file of `size` bytes: `null` when it is to be ignored
 * (another unit, bad syntax, too many ranges: RFC 9110 lets the server send the whole file),
 * `"unsatisfiable"` when no range overlaps the file (416), else the ranges sorted with
 * overlapping and adjacent ones merged.
 */
export function parseRange(
  header: string,
  size: number,
  maxRanges = 64,
): ByteRange[] | null | "unsatisfiable" {
  const equals = header.indexOf("=");
  if (equals === -1 || header.slice(0, equals).trim().toLowerCase() !== "bytes") return null;
  const specs = header.slice(equals + 1).split(",");
  if (specs.length > maxRanges) return null;
  const ranges: ByteRange[] = [];
  for (const raw of specs) {
    const spec = raw.trim();
    if (spec === "") continue;
    const match = /^(\d*)-(\d*)$/.exec(spec);
    if (match === null) return null;
    const [, first = "", last = ""] = match;
    if (first === "" && last === "") return null;
    if (first === "") {
      // "-500": the last 500 bytes
      const length = Number(last);
      if (length > 0 && size > 0) ranges.push({ start: Math.max(0, size - length), end: size - 1 });
      continue;
    }
    const start = Number(first);
    const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== "" && Number(last) < start) return null;
    if (start < size) ranges.push({ start, end });
  }
  if (ranges.length === 0) return specs.some((spec) => spec.trim() !== "") ? "unsatisfiable" : null;
  ranges.sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [ranges[0]!];
  for (const range of ranges.slice(1)) {
    const previous = merged[merged.length - 1]!;
    if (range.start <= previous.end + 1) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

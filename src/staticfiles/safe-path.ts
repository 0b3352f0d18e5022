/**
 * The path segments a request path names under a static directory, or `null` when the path
 * could reach outside it or is not a plain file name: `.`/`..` segments (also percent-encoded),
 * encoded slashes or backslashes, backslashes, NUL bytes, empty segments ("//etc"), and
 * undecodable escapes. A trailing slash gives a final "" segment (a directory URL).
 *
 * @example safeSegments("/css/site.css") // ["css", "site.css"]
 * @example safeSegments("/%2e%2e/secret") // null
 */
export function safeSegments(rawPath: string): string[] | null {
  if (rawPath.charCodeAt(0) !== 47 /* "/" */) return null;
  const rawSegments = rawPath.slice(1).split("/");
  const segments: string[] = [];
  for (let i = 0; i < rawSegments.length; i++) {
    const raw = rawSegments[i]!;
    if (raw === "") {
      if (i === rawSegments.length - 1) {
        segments.push("");
        continue;
      }
      return null;
    }
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === "." || segment === "..") return null;
    if (segment.includes("/") || segment.includes("\\") || segment.includes("\0")) return null;
    segments.push(segment);
  }
  return segments;
}

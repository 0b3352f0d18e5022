const utf8 = new TextDecoder("utf-8");
// Reused for each run of %XX bytes: a path is never longer than the request line limit,
// and decoding grows the buffer when it is not.
let byteBuffer: Uint8Array = new Uint8Array(256);

/**
 * Percent-decodes a request path once, before routing, like Starlette does.
 * Invalid %-sequences stay as they are; bytes that are not valid UTF-8 become U+FFFD.
 * `rawPath` is the path part of the request target, the query string already split off.
 * Returns null for a path that cannot be routed (one not starting with "/", such as "*").
 *
 * @example
 * decodePath("/users/a%2Fb"); // "/users/a/b" (so it no longer matches /users/{id})
 * decodePath("/a%zz"); // "/a%zz"
 */
export function decodePath(rawPath: string): string | null {
  if (rawPath.charCodeAt(0) !== 47 /* "/" */) return null;
  let percent = rawPath.indexOf("%");
  if (percent === -1) return rawPath;
  let out = rawPath.slice(0, percent);
  let i = percent;
  const length = rawPath.length;
  while (i < length) {
    // Collect a run of consecutive valid %XX escapes as bytes, then decode them together
    // so multi-byte UTF-8 characters survive.
    let count = 0;
    while (i + 2 < length && rawPath.charCodeAt(i) === 37 /* "%" */) {
      const high = hexValue(rawPath.charCodeAt(i + 1));
      const low = hexValue(rawPath.charCodeAt(i + 2));
      if (high === -1 || low === -1) break;
      const byte = (high << 4) | low;
      i += 3;
      if (byte < 128 && count === 0) {
        // ASCII outside a multi-byte run: TextDecoder costs ~150 ns a call, fromCharCode ~nothing.
        out += String.fromCharCode(byte);
        continue;
      }
      if (count === byteBuffer.length) byteBuffer = growBuffer(byteBuffer);
      byteBuffer[count++] = byte;
    }
    if (count > 0) out += utf8.decode(byteBuffer.subarray(0, count));
    if (i >= length) break;
    // Here rawPath[i] starts no valid escape (plain text, or a "%" not followed by two hex
    // digits): keep it and everything up to the next "%" unchanged.
    percent = rawPath.indexOf("%", i + 1);
    const end = percent === -1 ? length : percent;
    out += rawPath.slice(i, end);
    i = end;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 70) return code - 55; // A-F
  if (code >= 97 && code <= 102) return code - 87; // a-f
  return -1;
}

function growBuffer(buffer: Uint8Array): Uint8Array {
  const bigger = new Uint8Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}

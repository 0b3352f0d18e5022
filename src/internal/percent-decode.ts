const utf8 = new TextDecoder("utf-8");
// Reused for each run of %XX bytes; grown when a run is longer.
let byteBuffer: Uint8Array = new Uint8Array(256);

/**
 * Percent-decodes text as Python's `unquote` does: invalid %-sequences stay as they are, bytes
 * that are not valid UTF-8 become U+FFFD.
 *
 * @example percentDecode("a%2Fb%20c"); // "a/b c"
 * @example percentDecode("%zz%C3"); // "%zz\uFFFD"
 */
export function percentDecode(text: string): string {
  let percent = text.indexOf("%");
  if (percent === -1) return text;
  let out = text.slice(0, percent);
  let i = percent;
  const length = text.length;
  while (i < length) {
    // Collect a run of consecutive valid %XX escapes as bytes, then decode them together
    // so multi-byte UTF-8 characters survive.
    let count = 0;
    while (i + 2 < length && text.charCodeAt(i) === 37 /* "%" */) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
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
    // Here text[i] starts no valid escape (plain text, or a "%" not followed by two hex
    // digits): keep it and everything up to the next "%" unchanged.
    percent = text.indexOf("%", i + 1);
    const end = percent === -1 ? length : percent;
    out += text.slice(i, end);
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

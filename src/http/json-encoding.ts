const utf16le = new TextDecoder("utf-16le", { fatal: true });
const utf16be = new TextDecoder("utf-16be", { fatal: true });

/**
 * The UTF-16 flavour of a JSON body, found the way Python's `json.loads` finds it on bytes: a
 * byte-order mark, or the NUL bytes that ASCII text has in UTF-16. Null for anything else
 * (UTF-8, and UTF-32, which Python reads but no TextDecoder does).
 *
 * @example utf16Of(Buffer.from("{}", "utf16le")); // "utf-16le"
 */
function utf16Of(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length < 2) return null;
  const first = bytes[0]!;
  const second = bytes[1]!;
  const zeroPair = bytes.length >= 4 && bytes[2] === 0 && bytes[3] === 0;
  if (first === 0xff && second === 0xfe) return zeroPair ? null : "utf-16le"; // FF FE 00 00: UTF-32
  if (first === 0xfe && second === 0xff) return "utf-16be";
  if (bytes.length === 3) return null;
  if (first === 0) return second === 0 ? null : "utf-16be"; // 00 00: UTF-32BE
  if (second === 0) return zeroPair ? null : "utf-16le"; // XX 00 00 00: UTF-32LE
  return null;
}

/** The text of UTF-16 bytes (a byte-order mark dropped); null when they are not valid UTF-16. */
function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string | null {
  try {
    return (encoding === "utf-16le" ? utf16le : utf16be).decode(bytes);
  } catch {
    return null;
  }
}

/** The text of a body that is UTF-16 by `utf16Of`'s rules, or null. */
export function utf16Text(bytes: Uint8Array): string | null {
  const encoding = utf16Of(bytes);
  return encoding === null ? null : decodeUtf16(bytes, encoding);
}

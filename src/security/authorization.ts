/**
 * Splits an `Authorization` header at its first space: "Bearer abc" -> ["Bearer", "abc"],
 * "Bearer" -> ["Bearer", ""], missing -> ["", ""]. The credentials are not trimmed.
 */
export function splitAuthorization(value: string | undefined): [scheme: string, param: string] {
  if (!value) return ["", ""];
  const space = value.indexOf(" ");
  return space === -1 ? [value, ""] : [value.slice(0, space), value.slice(space + 1)];
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes base64 leniently, the way HTTP Basic credentials are decoded by FastAPI: characters
 * outside the alphabet are skipped, complete padding ends the input ("YQ==YQ==" -> "a"), and
 * missing padding is an error ("YQ" -> undefined). The bytes must be ASCII.
 */
export function decodeBasicCredentials(param: string): string | undefined {
  let out = "";
  let quad = 0;
  let carry = 0;
  let pads = 0;
  for (let i = 0; i < param.length; i++) {
    const code = param.charCodeAt(i);
    if (code === 61 /* "=" */) {
      pads++;
      if (quad >= 2 && quad + pads >= 4) return out;
      continue;
    }
    const sextet = code < 128 ? SEXTETS[code]! : -1;
    if (sextet === -1) continue;
    pads = 0;
    let byte = -1;
    if (quad === 0) carry = sextet;
    else if (quad === 1) {
      byte = (carry << 2) | (sextet >> 4);
      carry = sextet & 0x0f;
    } else if (quad === 2) {
      byte = (carry << 4) | (sextet >> 2);
      carry = sextet & 0x03;
    } else byte = (carry << 6) | sextet;
    quad = (quad + 1) % 4;
    if (byte > 127) return undefined; // not ASCII
    if (byte !== -1) out += String.fromCharCode(byte);
  }
  return quad === 0 ? out : undefined;
}

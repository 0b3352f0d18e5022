import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * Compares two secrets in time that depends on neither their content nor their lengths: both are
 * hashed to fixed-length digests first, then compared with `crypto.timingSafeEqual`.
 *
 * @example if (!safeCompare(key, process.env.API_KEY ?? "")) throw new HTTPException(401, "Invalid key");
 */
export function safeCompare(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

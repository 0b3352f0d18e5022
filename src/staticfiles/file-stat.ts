import { createHash } from "node:crypto";
import type { BigIntStats } from "node:fs";

/** What a file response needs to know of a file: its size and modification time. */
export interface FileInfo {
  size: number;
  /** seconds since the epoch, as a float (the same double Python's `st_mtime` holds) */
  mtime: number;
}

/** Seconds since the epoch from nanoseconds, computed as CPython computes `st_mtime`. */
export function infoFromStats(stats: BigIntStats): FileInfo {
  const seconds = stats.mtimeNs / 1_000_000_000n;
  const nanos = stats.mtimeNs % 1_000_000_000n;
  return { size: Number(stats.size), mtime: Number(seconds) + Number(nanos) * 1e-9 };
}

/** `repr()` of a Python float in the range file times live in: `1700000000.0`, `1795686998.5621142` */
function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/**
 * The entity tag Starlette gives a file: the quoted MD5 of `"{st_mtime}-{st_size}"`, so a
 * client that cached a file from a FastAPI service revalidates it unchanged here.
 */
export function fileEtag(info: FileInfo): string {
  const base = `${pythonFloat(info.mtime)}-${info.size}`;
  return `"${createHash("md5").update(base).digest("hex")}"`;
}

/** The HTTP date of the whole second the file was modified in. */
export function lastModified(info: FileInfo): string {
  return new Date(Math.floor(info.mtime) * 1000).toUTCString();
}

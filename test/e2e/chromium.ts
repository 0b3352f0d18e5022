import { existsSync } from "node:fs";

/** Where Debian and Ubuntu install Chromium. */
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set (a path, or `bundled`), else
 * the system one when installed, else the build shipped in the `@sparticuz/chromium` npm
 * package (unpacked once into the temp directory), so `npm ci && npm test` needs nothing else.
 */
export async function chromiumExecutable(): Promise<string> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen !== undefined && chosen !== "bundled") {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH=${chosen}: no such file`);
    return chosen;
  }
  if (chosen === undefined && existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: bundled } = await import("@sparticuz/chromium");
  return bundled.executablePath();
}

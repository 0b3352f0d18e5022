import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const TS_TO_JS: Record<string, string> = { ".ts": ".js", ".mts": ".mjs", ".cts": ".cjs" };

/**
 * The file a worker module names, as it exists on disk: `new URL("./hash.ts", import.meta.url)`
 * written in the source names hash.ts under tsx and, once compiled to dist/, the hash.js beside
 * the compiled caller. Returns whether the file still needs a TypeScript loader.
 */
export function resolveWorkerModule(moduleUrl: string | URL): {
  filename: string;
  typescript: boolean;
} {
  const url =
    typeof moduleUrl === "string" && !moduleUrl.startsWith("file:")
      ? pathToFileURL(moduleUrl)
      : new URL(moduleUrl);
  const path = fileURLToPath(url);
  const extension = Object.keys(TS_TO_JS).find((ext) => path.endsWith(ext));
  if (extension === undefined) return { filename: url.href, typescript: false };
  const compiled = `${path.slice(0, -extension.length)}${TS_TO_JS[extension]}`;
  if (!existsSync(path) && existsSync(compiled))
    return { filename: pathToFileURL(compiled).href, typescript: false };
  return { filename: url.href, typescript: true };
}

/** `--import <tsx>` for a worker thread that loads TypeScript, unless the process already has a loader. */
export function typescriptExecArgv(): string[] {
  const argv = process.execArgv;
  const hasLoader = argv.some((arg) => /tsx|ts-node|--experimental-strip-types/.test(arg));
  return hasLoader ? argv : [...argv, "--import", import.meta.resolve("tsx")];
}

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import type { Servable } from "../http/servable.js";

/** What the CLI needs of an app module's export: something that builds its document and serves. */
export interface LoadedApp extends Servable {
  openapi(): Record<string, unknown>;
  readonly routes?: readonly { methods: string[]; path: string; name: string }[];
  readonly mounts?: readonly { path: string }[];
}

/** A command-line mistake: printed without a stack trace, exit status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

function isApp(value: unknown): value is LoadedApp {
  return typeof (value as LoadedApp | null)?.openapi === "function";
}

/**
 * Imports an app module and picks its app: `path/to/main.ts` (the `app` export, else the
 * default export) or `path/to/main.ts:name` (that export).
 *
 * @example const app = await loadApp("examples/openapi/app.ts");
 */
export async function loadApp(spec: string, cwd = process.cwd()): Promise<LoadedApp> {
  const colon = spec.lastIndexOf(":");
  // "C:\\dir\\app.ts" keeps its drive letter: only a colon after the file name names an export
  const hasExport = colon > 1 && !/[\\/]/.test(spec.slice(colon + 1));
  const file = hasExport ? spec.slice(0, colon) : spec;
  const exportName = hasExport ? spec.slice(colon + 1) : undefined;
  const path = resolve(cwd, file);
  if (!existsSync(path))
    throw new UsageError(`cannot find the app module ${file} (looked at ${path})`);
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  if (exportName !== undefined) {
    const chosen = module[exportName];
    if (!isApp(chosen)) throw new UsageError(`${file} has no App exported as "${exportName}"`);
    return chosen;
  }
  const chosen = isApp(module.app) ? module.app : module.default;
  if (!isApp(chosen)) {
    throw new UsageError(`${file} exports no App: export it as "app" or as the default export`);
  }
  return chosen;
}

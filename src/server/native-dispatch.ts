import type { Servable } from "../http/servable.js";
import { bunGlobal, serveBun } from "./bun.js";
import { denoGlobal, serveDeno } from "./deno.js";
import type { RunningServer, ServeOptions } from "./serve.js";

/** The runtime the code runs on, by its global (`Bun`, `Deno`); node otherwise. */
export function currentRuntime(): "bun" | "deno" | "node" {
  if (bunGlobal() !== undefined) return "bun";
  if (denoGlobal() !== undefined) return "deno";
  return "node";
}

/** Serves on the runtime's own server on Bun and Deno; undefined on node. */
export function nativeServe(
  app: Servable,
  options: ServeOptions,
): Promise<RunningServer<unknown>> | undefined {
  const runtime = currentRuntime();
  if (runtime === "bun") return serveBun(app, options);
  if (runtime === "deno") return serveDeno(app, options);
  return undefined;
}

#!/usr/bin/env node
// The `tailor` command. App modules are usually TypeScript, so tsx's loader is registered first
// when it is installed. The CLI itself runs from the built dist/ when present (npm package),
// else from src/ through that loader (a clone of the repository).
import { existsSync } from "node:fs";

let hasTsx = true;
try {
  const { register } = await import("tsx/esm/api");
  register();
} catch {
  hasTsx = false;
}
const built = new URL("../dist/cli/main.js", import.meta.url);
const source = new URL("../src/cli/main.ts", import.meta.url);
if (!existsSync(built) && !hasTsx) {
  console.error("tailor: run `npm run build`, or install tsx to run from the TypeScript sources");
  process.exit(1);
}
const { runCli } = await import(existsSync(built) ? built.href : source.href);
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  console.error("tailor:", error);
  process.exitCode = 1;
}

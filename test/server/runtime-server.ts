// Run by Bun or Deno (not by vitest): imports an app factory, serves it with serve() on a free
// port and prints one JSON line {"url", "runtime"} for the test that spawned it.
//   bun test/server/runtime-server.ts <module> <export>
//   deno run --allow-net --allow-read --allow-env --allow-sys=hostname --sloppy-imports test/server/runtime-server.ts <module> <export>
import { currentRuntime } from "../../src/server/native-dispatch.js";
import { serve } from "../../src/server/serve.js";

const [modulePath, exportName] = process.argv.slice(2);
if (!modulePath || !exportName) throw new Error("usage: runtime-server.ts <module> <export>");
const module = await import(new URL(modulePath, `file://${process.cwd()}/`).href);
const app = module[exportName]();
const server = await serve(app, { port: 0, handleSignals: true, gracefulTimeout: 1 });
console.log(JSON.stringify({ url: server.url, runtime: currentRuntime() }));
